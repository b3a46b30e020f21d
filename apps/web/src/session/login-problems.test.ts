import {
  StAuthError,
  StError,
  StNetworkError,
  StRateLimitError,
  StServerError,
  StValidationError,
} from '@st/client';
import { describe, expect, it } from 'vitest';
import {
  classifyLoginError,
  describeLoginFailure,
  describeResumeFailure,
  LoginProblem,
  waitText,
} from './login-problems.ts';

describe('classifyLoginError', () => {
  it('tells the failures a person can act on apart, by the SDK error class', () => {
    expect(classifyLoginError(new StAuthError('ST_ERR_BAD_CREDENTIALS', 401, 'x'))).toBe(
      LoginProblem.BadCredentials,
    );
    expect(classifyLoginError(new StValidationError('ST_ERR_VALIDATION', 400, 'x'))).toBe(
      LoginProblem.BadCredentials,
    );
    expect(classifyLoginError(new StRateLimitError('ST_ERR_RATE_LIMITED', 429, 'x', 5000))).toBe(
      LoginProblem.RateLimited,
    );
    expect(classifyLoginError(new StNetworkError('ST_ERR_NETWORK', 0, 'x'))).toBe(LoginProblem.Unreachable);
    expect(classifyLoginError(new StServerError('ST_ERR_COMMUNITY_UNAVAILABLE', 503, 'x'))).toBe(
      LoginProblem.Unavailable,
    );
    expect(classifyLoginError(new StError('ST_ERR_FORBIDDEN', 403, 'x'))).toBe(LoginProblem.Unexpected);
    expect(classifyLoginError(new TypeError('boom'))).toBe(LoginProblem.Unexpected);
  });
});

describe('describeLoginFailure', () => {
  it('says "wrong" for bad credentials and never repeats the server text', () => {
    const notice = describeLoginFailure(
      new StAuthError('ST_ERR_BAD_CREDENTIALS', 401, '<b>secret detail</b>'),
    );
    expect(notice.kind).toBe(LoginProblem.BadCredentials);
    expect(notice.text).toMatch(/wrong/);
    expect(notice.text).not.toContain('secret detail');
  });

  it('says how long to wait when the server said', () => {
    expect(describeLoginFailure(new StRateLimitError('ST_ERR_RATE_LIMITED', 429, 'x', 30_000)).text).toBe(
      'Too many attempts. Wait 30 seconds before trying again.',
    );
    expect(describeLoginFailure(new StRateLimitError('ST_ERR_RATE_LIMITED', 429, 'x', undefined)).text).toBe(
      'Too many attempts. Wait a few minutes before trying again.',
    );
  });
});

describe('describeResumeFailure', () => {
  it('speaks up only when the server is out of reach or not ready', () => {
    expect(describeResumeFailure(new StNetworkError('ST_ERR_NETWORK', 0, 'x'))?.kind).toBe(
      LoginProblem.Unreachable,
    );
    expect(describeResumeFailure(new StServerError('ST_ERR_DRAINING', 503, 'x'))?.kind).toBe(
      LoginProblem.Unavailable,
    );
    expect(describeResumeFailure(new StAuthError('ST_ERR_UNAUTHENTICATED', 401, 'x'))).toBeUndefined();
  });
});

describe('waitText', () => {
  it('rounds up to whole seconds, then whole minutes', () => {
    expect(waitText(1)).toBe('1 second');
    expect(waitText(0.2)).toBe('1 second');
    expect(waitText(59.5)).toBe('60 seconds');
    expect(waitText(60)).toBe('1 minute');
    expect(waitText(61)).toBe('2 minutes');
    expect(waitText(undefined)).toBe('a few minutes');
    expect(waitText(-3)).toBe('a few minutes');
  });
});
