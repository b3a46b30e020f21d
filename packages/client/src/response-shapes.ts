/**
 * Checks for the proxy's answers, in the `{ safeParse }` shape the HTTP helper takes. Built on the
 * protocol's zod-free guards so the SDK (and every page with a live name) never bundles zod.
 */
import {
  type BusinessCard,
  type ContactsResponse,
  type DirectoryPerson,
  hasStringFields,
  isPresence,
  type LoginResponse,
  type Presence,
  type SessionInfo,
  type UsersResponse,
} from '@st/protocol/core';
import type { Schema } from './http.ts';

function shape<T>(test: (value: unknown) => boolean): Schema<T> {
  return {
    safeParse: (value) => (test(value) ? { success: true, data: value as T } : { success: false }),
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isUserSummary = (v: unknown) => hasStringFields(v, ['id', 'displayName']);
const listOf = (key: string, item: (v: unknown) => boolean) => (v: unknown) =>
  isRecord(v) && Array.isArray(v[key]) && (v[key] as unknown[]).every(item);

const CARD_TEXT = ['title', 'department', 'company', 'location', 'phone', 'email', 'timeZone', 'language'];
export const isBusinessCard = (v: unknown): v is BusinessCard =>
  hasStringFields(v, ['id', 'displayName'], CARD_TEXT) && isRecord(v) && typeof v.hasPhoto === 'boolean';

export const SessionInfoShape = shape<SessionInfo>(
  (v) => isRecord(v) && isUserSummary(v.user) && hasStringFields(v, ['expiresAt', 'csrfToken']),
);
export const LoginResponseShape = shape<LoginResponse>(
  (v) => SessionInfoShape.safeParse(v).success && hasStringFields(v, ['token']),
);
export const isContactGroup = (g: unknown) =>
  hasStringFields(g, ['name']) && listOf('members', isUserSummary)(g);
export const ContactsResponseShape = shape<ContactsResponse>(listOf('groups', isContactGroup));
export const DirectoryResponseShape = shape<{ people: DirectoryPerson[] }>(
  listOf('people', (p) => hasStringFields(p, ['id', 'displayName'], ['email'])),
);
export const UsersResponseShape = shape<UsersResponse>(listOf('users', isBusinessCard));
export const PresenceShape = shape<Presence>(isPresence);
