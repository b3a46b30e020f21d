/**
 * The sentences a person reads when logging in goes wrong. Each says what happened and what to do;
 * none shows a raw error, which may hold server text or stack traces.
 */
import { StAuthError, StNetworkError, StRateLimitError, StServerError, StValidationError } from '@st/client';

export const LoginProblem = {
  BadCredentials: 'bad-credentials',
  RateLimited: 'rate-limited',
  Unreachable: 'unreachable',
  Unavailable: 'unavailable',
  Unexpected: 'unexpected',
  /** Not a failed login: the server ended a session that was working (expiry, logout elsewhere). */
  SessionEnded: 'session-ended',
} as const;
export type LoginProblem = (typeof LoginProblem)[keyof typeof LoginProblem];

/** What the login form's alert says, and what kind of problem it is (only a wrong ID or password marks the fields). */
export interface LoginNotice {
  kind: LoginProblem;
  text: string;
}

export function loginProblemText(problem: LoginProblem, retryAfterSeconds?: number): string {
  switch (problem) {
    case LoginProblem.BadCredentials:
      return 'The user ID or password is wrong. Check them and try again.';
    case LoginProblem.RateLimited:
      return `Too many attempts. Wait ${waitText(retryAfterSeconds)} before trying again.`;
    case LoginProblem.Unreachable:
      return 'The server cannot be reached. Check your connection and try again.';
    case LoginProblem.Unavailable:
      return 'The server is not ready to log you in. Try again in a moment.';
    case LoginProblem.Unexpected:
      return 'Logging in did not work. Try again in a moment.';
    case LoginProblem.SessionEnded:
      return 'Your session has ended. Log in again.';
  }
}

export const SESSION_ENDED: LoginNotice = {
  kind: LoginProblem.SessionEnded,
  text: loginProblemText(LoginProblem.SessionEnded),
};

/** "1 minute", "45 seconds", "a few minutes" when the server did not say. */
export function waitText(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return 'a few minutes';
  if (seconds < 60) {
    const whole = Math.ceil(seconds);
    return `${whole} second${whole === 1 ? '' : 's'}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Which problem an error from `login()` is, by the SDK's error classes. */
export function classifyLoginError(error: unknown): LoginProblem {
  // A malformed user id (a space, a comma) cannot be anyone's: to the person, it is a wrong ID.
  if (error instanceof StAuthError || error instanceof StValidationError) return LoginProblem.BadCredentials;
  if (error instanceof StRateLimitError) return LoginProblem.RateLimited;
  if (error instanceof StNetworkError) return LoginProblem.Unreachable;
  if (error instanceof StServerError) return LoginProblem.Unavailable;
  return LoginProblem.Unexpected;
}

export function describeLoginFailure(error: unknown): LoginNotice {
  const kind = classifyLoginError(error);
  const retryAfterMs = error instanceof StRateLimitError ? error.retryAfterMs : undefined;
  return { kind, text: loginProblemText(kind, retryAfterMs === undefined ? undefined : retryAfterMs / 1000) };
}

/**
 * What to say when checking the cookie on load failed. No session is not a problem (the form is
 * what the person expects); a server out of reach is worth saying before they type a password.
 */
export function describeResumeFailure(error: unknown): LoginNotice | undefined {
  const kind = classifyLoginError(error);
  if (kind === LoginProblem.Unreachable || kind === LoginProblem.Unavailable) {
    return { kind, text: loginProblemText(kind) };
  }
  return undefined;
}
