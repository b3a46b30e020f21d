/**
 * Schemas of the JSON API (v1): the one place a field is defined. The proxy validates every body
 * and query with these before a handler sees it; the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { SETTABLE_STATUSES, STATUSES } from './status.ts';
import { BIDI_CONTROLS, VISIBLE_LINE, VISIBLE_LINE_MESSAGE } from './text.ts';

/** A user id: no whitespace, commas or control characters (ids travel in comma lists). */
export const UserId = z
  .string()
  .min(1)
  .max(LIMITS.userIdLength)
  .regex(
    new RegExp(`^[^\\s,\\p{Cc}${BIDI_CONTROLS}]+$`, 'u'),
    'must not contain whitespace, commas, control or bidirectional override characters',
  );

export const StatusSchema = z.enum(STATUSES as [string, ...string[]]);
export const SettableStatusSchema = z.enum(SETTABLE_STATUSES);

export const PresenceSchema = z.object({
  userId: z.string(),
  status: StatusSchema,
  message: z.string(),
  mobile: z.boolean(),
});

export const UserSummary = z.object({ id: z.string(), displayName: z.string() });
export type UserSummary = z.infer<typeof UserSummary>;

/** `POST /api/v1/session`: a password login, or a single sign-on assertion. */
export const LoginRequest = z.union([
  z.strictObject({
    userId: UserId,
    password: z.string().max(1024),
    client: z.enum(['web', 'mobile']).optional(),
  }),
  z.strictObject({
    assertion: z.string().min(1).max(8192),
    client: z.enum(['web', 'mobile']).optional(),
  }),
]);
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  user: UserSummary,
  expiresAt: z.string().describe('ISO 8601 time the token stops working unless used again'),
  /** Send as `X-ST-CSRF` on cookie-authenticated calls that change state. */
  csrfToken: z.string(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** `GET /api/v1/session`: who the cookie or token belongs to (the hosted client's reload path). */
export const SessionInfo = LoginResponse.omit({ token: true });
export type SessionInfo = z.infer<typeof SessionInfo>;

/** `PUT /api/v1/session/state`: foreground/background (mobile) and idleness of this session. */
export const SessionStateRequest = z
  .strictObject({
    foreground: z.boolean().optional(),
    idle: z.boolean().optional(),
    /** The stream whose idleness this is; without it, every stream of the login. */
    stream: z.string().max(64).optional(),
  })
  .refine((v) => v.foreground !== undefined || v.idle !== undefined, 'give foreground or idle');

/** `PUT /api/v1/me/status`. */
export const SetStatusRequest = z.strictObject({
  status: SettableStatusSchema,
  message: z.string().max(LIMITS.statusMessageLength).regex(VISIBLE_LINE, VISIBLE_LINE_MESSAGE).optional(),
});
export type SetStatusRequest = z.infer<typeof SetStatusRequest>;

/** A comma-separated list of at most `max` user ids in a query string (repeats counted once). */
export function userIdListOf(max: number) {
  return z
    .string()
    .min(1)
    .transform((s) => [...new Set(s.split(',').filter(Boolean))])
    .pipe(z.array(UserId).min(1).max(max));
}

/** A comma-separated list of user ids in a query string. */
export const UserIdList = userIdListOf(LIMITS.presenceIdsPerRequest);

/** `GET /api/v1/presence?users=a,b,c`. */
export const PresenceQuery = z.strictObject({ users: UserIdList });
export const PresenceResponse = z.object({ presence: z.array(PresenceSchema) });

/** `GET /api/v1/users/{id}`: the business card. Fields the directory lacks are absent. */
export const BusinessCard = z.object({
  id: z.string(),
  displayName: z.string(),
  title: z.string().optional(),
  department: z.string().optional(),
  company: z.string().optional(),
  location: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  timeZone: z.string().optional().describe('IANA time zone, e.g. Europe/Berlin'),
  language: z.string().optional(),
  hasPhoto: z.boolean(),
});
export type BusinessCard = z.infer<typeof BusinessCard>;

/** `GET /api/v1/users?ids=a,b,c`: up to `LIMITS.usersPerRequest` cards in one call; unknown ids left out. */
export const UsersQuery = z.strictObject({ ids: userIdListOf(LIMITS.usersPerRequest) });
export const UsersResponse = z.object({ users: z.array(BusinessCard) });
export type UsersResponse = z.infer<typeof UsersResponse>;

/** `GET /api/v1/directory?q=`: type-ahead. */
export const DirectoryQuery = z.strictObject({
  q: z.string().trim().min(LIMITS.searchMinLength).max(100),
  limit: z.coerce.number().int().min(1).max(LIMITS.searchMaxResults).optional(),
});
export const DirectoryPerson = UserSummary.extend({ email: z.string().optional() });
export type DirectoryPerson = z.infer<typeof DirectoryPerson>;
export const DirectoryResponse = z.object({
  people: z.array(DirectoryPerson),
});

/** A person in a contact group, with the nickname the list's owner gave them (absent when none). */
export const ContactMember = UserSummary.extend({ nickname: z.string().optional() });
export type ContactMember = z.infer<typeof ContactMember>;

/** `GET /api/v1/me/contacts`: the contact list, by group. */
export const ContactGroup = z.object({ name: z.string(), members: z.array(ContactMember) });
export type ContactGroup = z.infer<typeof ContactGroup>;
export const ContactsResponse = z.object({ groups: z.array(ContactGroup) });
export type ContactsResponse = z.infer<typeof ContactsResponse>;

/** `POST /api/v1/watch`: change what this session watches (for SSE and long-poll clients). */
export const WatchRequest = z
  .strictObject({
    /** The stream (from its `hello`) whose watch list this changes. */
    stream: z.string().min(1).max(64),
    add: z.array(UserId).default([]),
    remove: z.array(UserId).default([]),
  })
  .refine((v) => v.add.length + v.remove.length <= LIMITS.watchIdsPerMessage, {
    message: `at most ${LIMITS.watchIdsPerMessage} ids per message`,
  });
export type WatchRequest = z.infer<typeof WatchRequest>;
export const WatchResponse = z.object({ watching: z.number().int() });

/** `GET /api/v1/events?since=` and `/api/v1/poll?since=`. */
/** `GET /api/v1/poll?since=`: the events after `since`, waiting up to pollWaitSeconds for one. */
export const PollResponse = z.object({
  streamId: z.string(),
  seq: z.number().int(),
  recovered: z.boolean(),
  events: z.array(z.looseObject({ seq: z.number().int(), type: z.string() })),
});

export const StreamQuery = z.strictObject({
  /** Resume this stream (from its `hello`); without it a new stream starts. */
  stream: z.string().max(64).optional(),
  since: z.coerce.number().int().min(0).optional(),
  /** Only for EventSource, which cannot send headers; prefer the cookie or Authorization. */
  access_token: z.string().optional(),
});
