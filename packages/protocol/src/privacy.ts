/**
 * Schemas of the privacy list (`/api/v1/me/privacy`) and the preferences
 * (`/api/v1/me/preferences`). The types, defaults and the rule of who may see whom are in
 * privacy-rules.ts (no zod), so browsers can use them too.
 */
import { z } from 'zod';
import { UserId } from './api.ts';
import { LIMITS } from './limits.ts';
import { PRIVACY_MODES, type Preferences, type PreferencesPatch, type PrivacyList } from './privacy-rules.ts';

export const PrivacyModeSchema = z.enum(PRIVACY_MODES);

/**
 * `PUT /api/v1/me/privacy` and the answer of `GET` and `PUT`. The proxy stores each id once, in
 * the directory's spelling when it knows the person; `{"mode":"everybody-except","people":[]}`
 * is the default (everyone sees you).
 */
export const PrivacyListSchema = z.strictObject({
  mode: PrivacyModeSchema.describe(
    '`everybody-except`: everyone but `people` sees you; `only-these`: only `people` do',
  ),
  people: z.array(UserId).max(LIMITS.privacyListPeople),
}) satisfies z.ZodType<PrivacyList>;

const IdleMinutes = z
  .number()
  .int()
  .min(0)
  .max(LIMITS.idleMinutesMax)
  .describe('Minutes without activity before the client reports you idle; 0 never does');

/** `GET /api/v1/me/preferences`, the answer of `PATCH`, and the `preferences` event: every preference. */
export const PreferencesSchema = z.object({
  sound: z.boolean().describe('Play a sound when a message arrives'),
  bringChatToFront: z.boolean().describe('Bring the chat to the front when a message arrives'),
  showPhotos: z.boolean().describe("Show people's photos"),
  notifyWhenPartnerLeaves: z.boolean().describe('Say when a chat partner leaves'),
  hideOfflineContacts: z.boolean().describe('Leave offline people out of the contact list'),
  hideMessageTextInPush: z.boolean().describe('Push notifications show who wrote, not what'),
  idleMinutes: IdleMinutes,
}) satisfies z.ZodType<Preferences>;

/**
 * `PATCH /api/v1/me/preferences`: a JSON merge patch. Named preferences change, `null` puts one
 * back to its default, the others keep their value; an unknown name is refused.
 */
export const PreferencesPatchSchema = z.strictObject({
  sound: z.boolean().nullable().optional(),
  bringChatToFront: z.boolean().nullable().optional(),
  showPhotos: z.boolean().nullable().optional(),
  notifyWhenPartnerLeaves: z.boolean().nullable().optional(),
  hideOfflineContacts: z.boolean().nullable().optional(),
  hideMessageTextInPush: z.boolean().nullable().optional(),
  idleMinutes: IdleMinutes.nullable().optional(),
}) satisfies z.ZodType<PreferencesPatch>;
