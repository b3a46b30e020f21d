import { describe, expect, it } from 'vitest';
import {
  errorFromResponse,
  parseRetryAfter,
  StAuthError,
  StConflictError,
  StError,
  StForbiddenError,
  StNotFoundError,
  StRateLimitError,
  StServerError,
  StValidationError,
} from './errors.ts';

const body = (code: string, message = 'm', details?: unknown) => ({ error: { code, message, details } });

describe('errorFromResponse', () => {
  it('maps each status to its class, keeping the catalogue code and message', () => {
    const cases = [
      [401, 'ST_ERR_BAD_CREDENTIALS', StAuthError],
      [403, 'ST_ERR_CSRF', StForbiddenError],
      [404, 'ST_ERR_USER_NOT_FOUND', StNotFoundError],
      [409, 'ST_ERR_CONFLICT', StConflictError],
      [400, 'ST_ERR_VALIDATION', StValidationError],
      [413, 'ST_ERR_BODY_TOO_LARGE', StValidationError],
      [429, 'ST_ERR_RATE_LIMITED', StRateLimitError],
      [503, 'ST_ERR_DRAINING', StServerError],
    ] as const;
    for (const [status, code, kind] of cases) {
      const error = errorFromResponse(status, body(code, 'why'), null);
      expect(error).toBeInstanceOf(kind);
      expect(error).toBeInstanceOf(StError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ code, status, message: 'why' });
    }
  });

  it('falls back on the status when the body names no known code', () => {
    expect(errorFromResponse(502, undefined, null)).toMatchObject({ code: 'ST_ERR_INTERNAL', status: 502 });
    expect(errorFromResponse(401, body('ST_ERR_FROM_THE_FUTURE'), null)).toMatchObject({
      code: 'ST_ERR_UNAUTHENTICATED',
    });
    const other = errorFromResponse(405, {}, null);
    expect(other.constructor).toBe(StError);
    expect(other.code).toBe('ST_ERR_METHOD_NOT_ALLOWED');
  });

  it('keeps well-formed validation details only', () => {
    const error = errorFromResponse(
      400,
      body('ST_ERR_VALIDATION', 'bad', [{ path: 'status', message: 'no' }, 3]),
      null,
    );
    expect(error.details).toEqual([{ path: 'status', message: 'no' }]);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const limited = errorFromResponse(429, body('ST_ERR_RATE_LIMITED'), '30') as StRateLimitError;
    expect(limited.retryAfterMs).toBe(30_000);
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
