/**
 * Errors the SDK throws, one class per kind of failure so callers can branch with `instanceof`
 * (`StAuthError` → show the login form, `StRateLimitError` → wait `retryAfterMs`, ...).
 */
import { type ErrorCode, isErrorCode } from '@st/protocol/core';

/** Every code an `StError` can carry: the proxy's catalogue plus the client's own network failure. */
export type StErrorCode = ErrorCode | 'ST_ERR_NETWORK';

export interface StErrorDetail {
  path: string;
  message: string;
}

export class StError extends Error {
  override name = 'StError';
  readonly code: StErrorCode;
  /** The HTTP status, or 0 when no answer arrived. */
  readonly status: number;
  readonly details: StErrorDetail[] | undefined;

  constructor(code: StErrorCode, status: number, message: string, details?: StErrorDetail[]) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** The login is missing, expired or the credentials are wrong (HTTP 401). */
export class StAuthError extends StError {
  override name = 'StAuthError';
}
/** The session may not do that: CSRF, origin or permission (HTTP 403). */
export class StForbiddenError extends StError {
  override name = 'StForbiddenError';
}
/** The request was not valid (HTTP 400, 413, 415). */
export class StValidationError extends StError {
  override name = 'StValidationError';
}
/** Too many requests; `retryAfterMs` says how long to wait when the proxy said so (HTTP 429). */
export class StRateLimitError extends StError {
  override name = 'StRateLimitError';
  readonly retryAfterMs: number | undefined;
  constructor(
    code: StErrorCode,
    status: number,
    message: string,
    retryAfterMs: number | undefined,
    details?: StErrorDetail[],
  ) {
    super(code, status, message, details);
    this.retryAfterMs = retryAfterMs;
  }
}
/** No such person or resource (HTTP 404). */
export class StNotFoundError extends StError {
  override name = 'StNotFoundError';
}
/** The change clashes with what exists, e.g. a contact group of that name (HTTP 409). */
export class StConflictError extends StError {
  override name = 'StConflictError';
}
/** No answer at all: offline, DNS, refused connection or a CORS refusal. */
export class StNetworkError extends StError {
  override name = 'StNetworkError';
}
/** The proxy (or something in front of it) failed, or answered with something unreadable (5xx). */
export class StServerError extends StError {
  override name = 'StServerError';
}

/** The code to use when the body did not name a known one (a gateway's HTML page, a newer proxy). */
function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'ST_ERR_UNAUTHENTICATED';
  if (status === 403) return 'ST_ERR_FORBIDDEN';
  if (status === 404) return 'ST_ERR_NOT_FOUND';
  if (status === 409) return 'ST_ERR_CONFLICT';
  if (status === 405) return 'ST_ERR_METHOD_NOT_ALLOWED';
  if (status === 413) return 'ST_ERR_BODY_TOO_LARGE';
  if (status === 415) return 'ST_ERR_UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'ST_ERR_RATE_LIMITED';
  if (status >= 500) return 'ST_ERR_INTERNAL';
  return 'ST_ERR_VALIDATION';
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface ErrorBodyLike {
  code?: unknown;
  message?: unknown;
  details?: unknown;
}

function readErrorBody(body: unknown): ErrorBodyLike {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as { error?: unknown }).error;
  return typeof error === 'object' && error !== null ? (error as ErrorBodyLike) : {};
}

function readDetails(details: unknown): StErrorDetail[] | undefined {
  if (!Array.isArray(details)) return undefined;
  return details.filter(
    (d): d is StErrorDetail =>
      typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
  );
}

/** The error for a non-2xx answer; `body` is the parsed JSON or `undefined` when it was not JSON. */
export function errorFromResponse(status: number, body: unknown, retryAfter: string | null): StError {
  const raw = readErrorBody(body);
  const code = isErrorCode(raw.code) ? raw.code : fallbackCode(status);
  const message =
    typeof raw.message === 'string' && raw.message ? raw.message : `The proxy answered HTTP ${status}.`;
  const details = readDetails(raw.details);
  if (status === 401) return new StAuthError(code, status, message, details);
  if (status === 403) return new StForbiddenError(code, status, message, details);
  if (status === 404) return new StNotFoundError(code, status, message, details);
  if (status === 409) return new StConflictError(code, status, message, details);
  if (status === 429)
    return new StRateLimitError(code, status, message, parseRetryAfter(retryAfter), details);
  if (status >= 500) return new StServerError(code, status, message, details);
  if (status === 400 || status === 413 || status === 415) {
    return new StValidationError(code, status, message, details);
  }
  return new StError(code, status, message, details);
}
