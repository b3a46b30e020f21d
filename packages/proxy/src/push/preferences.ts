/**
 * The person's push settings, read from their preferences (`hideMessageTextInPush`, default
 * false). Only what the sender needs, so the preferences can grow without touching it.
 */

export interface PushPreferences {
  hideMessageText(userId: string): Promise<boolean>;
}

/** Preferences as the preference book answers them: every preference, stored or default. */
export interface PreferenceSource {
  get(userId: string): Promise<{ hideMessageTextInPush?: boolean | undefined }>;
}

export function pushPreferencesFrom(source: PreferenceSource): PushPreferences {
  return {
    async hideMessageText(userId) {
      return (await source.get(userId)).hideMessageTextInPush === true;
    },
  };
}
