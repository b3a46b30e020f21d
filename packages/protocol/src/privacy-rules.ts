/**
 * Privacy lists and preferences without their schemas, so browser code (`@st/protocol/core`) can
 * use them without bundling zod: the two modes of a privacy list, the rule that says who may see a
 * person, and the preferences of the Sametime client with their defaults.
 */

/**
 * `everybody-except`: everyone sees the person's presence except the people listed.
 * `only-these`: nobody does except the people listed. Either way the person always sees
 * themselves.
 */
export const PrivacyMode = { EverybodyExcept: 'everybody-except', OnlyThese: 'only-these' } as const;
export type PrivacyMode = (typeof PrivacyMode)[keyof typeof PrivacyMode];
export const PRIVACY_MODES = [PrivacyMode.EverybodyExcept, PrivacyMode.OnlyThese] as const;

/** `GET`/`PUT /api/v1/me/privacy`: who may see the person (see `PrivacyMode`). */
export interface PrivacyList {
  mode: PrivacyMode;
  /** User ids, each once, in the order given. */
  people: string[];
}

/** What a person who never set a list has: everyone sees them. */
export const DEFAULT_PRIVACY_LIST: Readonly<PrivacyList> = Object.freeze({
  mode: PrivacyMode.EverybodyExcept,
  people: Object.freeze([]) as unknown as string[],
});

/**
 * Whether the list hides the person from anyone: `only-these` always does, `everybody-except`
 * when it names someone. A restrictive list also hides the person from callers without a login
 * (who could be anyone, the people excluded among them).
 */
export function isRestrictive(list: Pick<PrivacyList, 'mode' | 'people'>): boolean {
  return list.mode === PrivacyMode.OnlyThese || list.people.length > 0;
}

/**
 * Whether `viewerId` may see the owner of `list` (`''` for a caller without a login).
 * The owner always sees themselves; the caller must check that before asking.
 */
export function privacyAllows(
  list: { mode: PrivacyMode; people: { has(id: string): boolean } },
  viewerId: string,
): boolean {
  if (viewerId === '') return false;
  const listed = list.people.has(viewerId);
  return list.mode === PrivacyMode.OnlyThese ? listed : !listed;
}

/**
 * The options of the Sametime client, stored per person so every client of theirs (a desktop
 * browser, a phone) behaves alike. `GET /api/v1/me/preferences` answers every one of them.
 */
export interface Preferences {
  /** Play a sound when a message arrives. */
  sound: boolean;
  /** Bring the chat window (or tab) to the front when a message arrives. */
  bringChatToFront: boolean;
  /** Show people's photos in the contact list and chats. */
  showPhotos: boolean;
  /** Tell the person when their partner closes a chat or leaves a conversation. */
  notifyWhenPartnerLeaves: boolean;
  /** Leave offline people out of the contact list. */
  hideOfflineContacts: boolean;
  /** Push notifications say who wrote, not what (the phone's lock screen shows no text). */
  hideMessageTextInPush: boolean;
  /** Minutes without activity after which the client reports the person idle; 0 never does. */
  idleMinutes: number;
}
export type PreferenceName = keyof Preferences;

/** What a person who never changed a preference has. */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  sound: true,
  bringChatToFront: false,
  showPhotos: true,
  notifyWhenPartnerLeaves: true,
  hideOfflineContacts: false,
  hideMessageTextInPush: false,
  idleMinutes: 30,
});

export const PREFERENCE_NAMES = Object.keys(DEFAULT_PREFERENCES) as readonly PreferenceName[];

/**
 * `PATCH /api/v1/me/preferences` (JSON merge patch, RFC 7396): the preferences to change; `null`
 * puts one back to its default. Preferences not named keep their value.
 */
export type PreferencesPatch = { [K in PreferenceName]?: Preferences[K] | null };
