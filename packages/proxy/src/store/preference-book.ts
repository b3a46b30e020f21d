/**
 * The preferences people see: what they stored over the defaults. A stored value that no longer
 * fits its schema (written by another version) reads as the default rather than failing the call.
 * Changes run one after another per person, so answers and `preferences` events leave in the
 * order the changes were stored.
 */
import {
  DEFAULT_PREFERENCES,
  PREFERENCE_NAMES,
  type PreferenceName,
  type Preferences,
  type PreferencesPatch,
  PreferencesSchema,
} from '@st/protocol';
import { KeyedQueue } from './keyed-queue.ts';
import type { PreferenceStore } from './types.ts';

export class PreferenceBook {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly store: PreferenceStore,
    /** Told the preferences after each change that changed something. */
    private readonly onChanged: (userId: string, preferences: Preferences) => void,
  ) {}

  /** Every preference of the person, stored or default. */
  async get(userId: string): Promise<Preferences> {
    return withDefaults(await this.store.preferences(userId));
  }

  /** Applies a merge patch (`null` restores a default) and answers every preference after it. */
  patch(userId: string, patch: PreferencesPatch): Promise<Preferences> {
    return this.queue.run(userId, async () => {
      const before = await this.get(userId);
      const values: Record<string, unknown> = {};
      for (const name of PREFERENCE_NAMES) {
        const value = patch[name];
        if (value === null) values[name] = undefined;
        else if (value !== undefined) values[name] = value;
      }
      if (Object.keys(values).length > 0) await this.store.setPreferences(userId, values);
      const after = await this.get(userId);
      if (PREFERENCE_NAMES.some((name) => before[name] !== after[name])) this.onChanged(userId, after);
      return after;
    });
  }
}

function withDefaults(stored: Record<string, unknown>): Preferences {
  const merged: Record<PreferenceName, unknown> = { ...DEFAULT_PREFERENCES };
  for (const name of PREFERENCE_NAMES) {
    const value = stored[name];
    if (value === undefined) continue;
    const fits = PreferencesSchema.shape[name].safeParse(value);
    if (fits.success) merged[name] = fits.data;
  }
  return merged as Preferences;
}
