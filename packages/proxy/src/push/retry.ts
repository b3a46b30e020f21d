/**
 * Retrying a push the service refused for now (429, 5xx, a dropped connection): capped
 * exponential backoff with full jitter, or the service's own `Retry-After` when it gave one.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first backoff's ceiling; each retry doubles it up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this gives up instead of holding the push (and memory) that long. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
};

/** What one try of a push came to. */
export type Attempt<T> =
  | { done: true; value: T }
  /** Worth another try; `retryAfterMs` when the service said how long to wait. */
  | { done: false; value: T; retryAfterMs?: number | undefined };

/** `Retry-After` in milliseconds: seconds, or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full jitter: anywhere between 0 and the capped exponential ceiling for this retry. */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.random() * ceiling;
}

/** Runs `attempt` until it is done, the tries run out, or the service asks for too long a wait. */
export async function withRetries<T>(policy: RetryPolicy, attempt: (index: number) => Promise<Attempt<T>>) {
  let result = await attempt(0);
  for (let retry = 0; !result.done && retry + 1 < policy.attempts; retry++) {
    const wait = result.retryAfterMs ?? backoffDelay(policy, retry);
    if (wait > policy.maxRetryAfterMs) break;
    await sleep(wait, undefined, { ref: false });
    result = await attempt(retry + 1);
  }
  return result.value;
}
