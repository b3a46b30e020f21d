/**
 * The one error catalogue. Codes are stable and never reused; each has its HTTP status and the
 * sentence a developer reads. Add to the end; never change a code's meaning.
 */
export const ERRORS = {
  ST_ERR_VALIDATION: { status: 400, message: 'The request is not valid.' },
  ST_ERR_MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  ST_ERR_BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  ST_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the request body as application/json.' },
  ST_ERR_TOO_MANY_IDS: { status: 400, message: 'Too many user ids in one request.' },
  ST_ERR_WATCH_LIMIT: { status: 400, message: 'This session already watches as many people as it may.' },
  ST_ERR_BAD_CREDENTIALS: { status: 401, message: 'The user id or password is wrong.' },
  ST_ERR_UNAUTHENTICATED: { status: 401, message: 'Log in first: the session is missing or has expired.' },
  ST_ERR_CSRF: {
    status: 403,
    message: 'The CSRF header is missing or wrong for a cookie-authenticated change.',
  },
  ST_ERR_ORIGIN_NOT_ALLOWED: { status: 403, message: 'This origin is not allowed to use the proxy.' },
  ST_ERR_FORBIDDEN: { status: 403, message: 'This session may not do that.' },
  ST_ERR_NOT_FOUND: { status: 404, message: 'There is no such resource.' },
  ST_ERR_USER_NOT_FOUND: { status: 404, message: 'There is no such person.' },
  ST_ERR_METHOD_NOT_ALLOWED: { status: 405, message: 'That method is not allowed here.' },
  ST_ERR_RATE_LIMITED: { status: 429, message: 'Too many requests; wait and try again.' },
  ST_ERR_UNKNOWN_FRAME: { status: 400, message: 'The WebSocket message is not one the proxy understands.' },
  ST_ERR_FRAME_TOO_LARGE: { status: 413, message: 'The WebSocket message is too large.' },
  ST_ERR_COMMUNITY_UNAVAILABLE: {
    status: 503,
    message: 'The community server is unreachable; try again shortly.',
  },
  ST_ERR_DIRECTORY_UNAVAILABLE: { status: 503, message: 'The directory is unreachable; try again shortly.' },
  ST_ERR_DRAINING: { status: 503, message: 'This proxy is shutting down; reconnect to another.' },
  ST_ERR_INTERNAL: { status: 500, message: 'Something went wrong in the proxy.' },
  ST_ERR_CONFLICT: { status: 409, message: 'That conflicts with something that already exists.' },
  ST_ERR_CONTACT_LIMIT: {
    status: 400,
    message: 'The contact list already has as many groups, or the group as many members, as it may.',
  },
  ST_ERR_SSO_NOT_CONFIGURED: { status: 401, message: 'Single sign-on is not configured on this proxy.' },
  ST_ERR_SSO_MALFORMED: { status: 401, message: 'The single sign-on assertion is not a well-formed JWT.' },
  ST_ERR_SSO_ALGORITHM: {
    status: 401,
    message: "The assertion's signing algorithm is not one this proxy accepts.",
  },
  ST_ERR_SSO_SIGNATURE: {
    status: 401,
    message: "The assertion's signature does not verify with any trusted key.",
  },
  ST_ERR_SSO_MISSING_CLAIM: { status: 401, message: 'The assertion lacks a required claim.' },
  ST_ERR_SSO_EXPIRED: { status: 401, message: 'The assertion has expired.' },
  ST_ERR_SSO_TOO_OLD: { status: 401, message: 'The assertion was issued too long ago.' },
  ST_ERR_SSO_NOT_YET_VALID: { status: 401, message: 'The assertion is dated in the future.' },
  ST_ERR_SSO_AUDIENCE: { status: 401, message: 'The assertion is meant for another audience.' },
  ST_ERR_SSO_ISSUER: {
    status: 401,
    message: 'The assertion comes from an issuer this proxy does not trust.',
  },
  ST_ERR_SSO_REPLAYED: { status: 401, message: 'The assertion was already used.' },
  ST_ERR_SSO_UNKNOWN_USER: {
    status: 401,
    message: 'The assertion names a person the directory does not know.',
  },
  ST_ERR_SSO_KEYS_UNAVAILABLE: {
    status: 503,
    message: 'The single sign-on keys (JWKS) cannot be fetched; try again shortly.',
  },
  ST_ERR_MESSAGE_TOO_LONG: { status: 400, message: 'A message may have at most 10,000 characters.' },
  ST_ERR_CONVERSATION_NOT_FOUND: {
    status: 404,
    message: 'There is no such conversation, or you are not one of its participants.',
  },
  ST_ERR_CONVERSATION_FULL: {
    status: 400,
    message: 'The conversation already has as many participants as it may.',
  },
  ST_ERR_CONVERSATION_KIND: {
    status: 400,
    message: 'A 1:1 conversation cannot do that: start an N-way conversation with its two people instead.',
  },
  ST_ERR_TOO_MANY_LOGINS: {
    status: 429,
    message: 'This person holds as many logins as allowed; log out elsewhere or wait for one to expire.',
  },
  ST_ERR_TOO_MANY_STREAMS: { status: 429, message: 'This login has as many event streams open as allowed.' },
  ST_ERR_NOT_ADMIN: { status: 403, message: 'Only administrators (ST_ADMINS) may do this.' },
  ST_ERR_NODE_NOT_FOUND: { status: 404, message: 'There is no such node in the cluster, or it is gone.' },
  ST_ERR_NODE_UNREACHABLE: {
    status: 503,
    message: 'That node did not answer through the cluster; it may be stopping. Try again shortly.',
  },
  ST_ERR_SESSION_NOT_FOUND: { status: 404, message: 'No node of the cluster holds a session with that id.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** The JSON body of every error answer, and of a WebSocket `error` frame's `error`. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** For validation errors: where in the input, and what is wrong. */
    details?: { path: string; message: string }[];
  };
}

export { isErrorCode } from './error-codes.ts';

/** WebSocket close codes the proxy uses (4000–4999 are the application's). */
export const CloseCode = {
  /** Normal logout or client close. */
  Normal: 1000,
  /** The proxy is going away (draining, restart): reconnect, ideally elsewhere. */
  GoingAway: 1001,
  /** The session is gone or expired: log in again, do not retry. */
  Unauthenticated: 4401,
  /** The origin is not allowed. */
  OriginNotAllowed: 4403,
  /** The client broke the protocol (frames too large or too many bad frames). */
  ProtocolError: 4400,
  /** Too many frames too fast. */
  RateLimited: 4429,
  /** The client reads too slowly and the proxy stopped queueing for it: reconnect and resume. */
  TryAgainLater: 1013,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
