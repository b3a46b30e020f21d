/** Event bodies about a person's own settings, built once and shared by every stream of theirs. */
import type { Preferences, PreferencesEvent, PrivacyEvent, PrivacyList } from '@st/protocol';

/** A `privacy` event without its `seq` (see ring-buffer.ts). */
export function privacyEventBody(privacy: PrivacyList): string {
  const event: Omit<PrivacyEvent, 'seq'> = { type: 'privacy', privacy };
  return JSON.stringify(event).slice(1, -1);
}

/** A `preferences` event without its `seq`. */
export function preferencesEventBody(preferences: Preferences): string {
  const event: Omit<PreferencesEvent, 'seq'> = { type: 'preferences', preferences };
  return JSON.stringify(event).slice(1, -1);
}
