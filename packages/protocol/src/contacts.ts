/**
 * Schemas of the contact-list API (`/api/v1/me/contacts`). Groups belong to one person: another
 * person's group does not exist for you. Every write answers 200 with the whole list (the shape
 * of `GET`, `ContactsResponse` in api.ts), so a client replaces what it has and never merges; the
 * same list reaches every stream of the person as a `contacts` event.
 */
import { z } from 'zod';
import { UserId } from './api.ts';
import { LIMITS } from './limits.ts';
import { VISIBLE_LINE, VISIBLE_LINE_MESSAGE } from './text.ts';

/**
 * A group name: trimmed, then 1–`LIMITS.contactGroupNameLength` characters with no control
 * characters. Names are compared exactly (case matters) after trimming and Unicode NFC
 * normalisation, so two spellings of one name that look alike are the same group.
 */
export const ContactGroupName = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1)
  .max(LIMITS.contactGroupNameLength)
  .regex(VISIBLE_LINE, VISIBLE_LINE_MESSAGE);

/** `POST /api/v1/me/contacts/groups`: create a group (409 `ST_ERR_CONFLICT` if the name is taken). */
export const CreateContactGroupRequest = z.strictObject({ name: ContactGroupName });
export type CreateContactGroupRequest = z.infer<typeof CreateContactGroupRequest>;

/** `PATCH /api/v1/me/contacts/groups/{name}`: rename a group (404 no group, 409 name taken). */
export const RenameContactGroupRequest = z.strictObject({ name: ContactGroupName });
export type RenameContactGroupRequest = z.infer<typeof RenameContactGroupRequest>;

/** `POST /api/v1/me/contacts/move`: move a member from one group to another. */
export const MoveContactRequest = z.strictObject({
  userId: UserId,
  from: ContactGroupName,
  to: ContactGroupName,
});
export type MoveContactRequest = z.infer<typeof MoveContactRequest>;

/** Path parameters of `/api/v1/me/contacts/groups/{name}`. */
export const ContactGroupParams = z.strictObject({ name: ContactGroupName });
export type ContactGroupParams = z.infer<typeof ContactGroupParams>;

/** Path parameters of `/api/v1/me/contacts/groups/{name}/members/{userId}`. */
export const ContactMemberParams = z.strictObject({ name: ContactGroupName, userId: UserId });
export type ContactMemberParams = z.infer<typeof ContactMemberParams>;

/**
 * A nickname for a contact: trimmed and NFC-normalised, then 1–`LIMITS.contactNicknameLength`
 * characters with no control characters. One per person in the list, whatever their groups.
 */
export const ContactNickname = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1)
  .max(LIMITS.contactNicknameLength)
  .regex(VISIBLE_LINE, VISIBLE_LINE_MESSAGE);

/** `PUT /api/v1/me/contacts/nicknames/{userId}`: give a person in the list a nickname. */
export const SetContactNicknameRequest = z.strictObject({ nickname: ContactNickname });
export type SetContactNicknameRequest = z.infer<typeof SetContactNicknameRequest>;

/** Path parameters of `/api/v1/me/contacts/nicknames/{userId}`. */
export const ContactNicknameParams = z.strictObject({ userId: UserId });
export type ContactNicknameParams = z.infer<typeof ContactNicknameParams>;
