/**
 * The error codes alone, without their statuses and sentences: what a browser needs to tell a
 * code it knows from one a newer proxy may send, for a fraction of the catalogue's bytes. The
 * catalogue (`errors.ts`) is the source; a test keeps this list equal to its keys.
 */
import type { ErrorCode } from './errors.ts';

export const ERROR_CODE_NAMES: readonly ErrorCode[] = [
  'ST_ERR_VALIDATION',
  'ST_ERR_MALFORMED_JSON',
  'ST_ERR_BODY_TOO_LARGE',
  'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
  'ST_ERR_TOO_MANY_IDS',
  'ST_ERR_WATCH_LIMIT',
  'ST_ERR_BAD_CREDENTIALS',
  'ST_ERR_UNAUTHENTICATED',
  'ST_ERR_CSRF',
  'ST_ERR_ORIGIN_NOT_ALLOWED',
  'ST_ERR_FORBIDDEN',
  'ST_ERR_NOT_FOUND',
  'ST_ERR_USER_NOT_FOUND',
  'ST_ERR_METHOD_NOT_ALLOWED',
  'ST_ERR_RATE_LIMITED',
  'ST_ERR_UNKNOWN_FRAME',
  'ST_ERR_FRAME_TOO_LARGE',
  'ST_ERR_COMMUNITY_UNAVAILABLE',
  'ST_ERR_DIRECTORY_UNAVAILABLE',
  'ST_ERR_DRAINING',
  'ST_ERR_INTERNAL',
  'ST_ERR_CONFLICT',
  'ST_ERR_CONTACT_LIMIT',
  'ST_ERR_SSO_NOT_CONFIGURED',
  'ST_ERR_SSO_MALFORMED',
  'ST_ERR_SSO_ALGORITHM',
  'ST_ERR_SSO_SIGNATURE',
  'ST_ERR_SSO_MISSING_CLAIM',
  'ST_ERR_SSO_EXPIRED',
  'ST_ERR_SSO_TOO_OLD',
  'ST_ERR_SSO_NOT_YET_VALID',
  'ST_ERR_SSO_AUDIENCE',
  'ST_ERR_SSO_ISSUER',
  'ST_ERR_SSO_REPLAYED',
  'ST_ERR_SSO_UNKNOWN_USER',
  'ST_ERR_SSO_KEYS_UNAVAILABLE',
  'ST_ERR_MESSAGE_TOO_LONG',
  'ST_ERR_CONVERSATION_NOT_FOUND',
  'ST_ERR_CONVERSATION_FULL',
  'ST_ERR_CONVERSATION_KIND',
  'ST_ERR_TOO_MANY_LOGINS',
  'ST_ERR_TOO_MANY_STREAMS',
  'ST_ERR_NOT_ADMIN',
  'ST_ERR_NODE_NOT_FOUND',
  'ST_ERR_NODE_UNREACHABLE',
  'ST_ERR_SESSION_NOT_FOUND',
];

const known = new Set<string>(ERROR_CODE_NAMES);

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && known.has(code);
}
