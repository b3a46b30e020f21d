import { ApiError } from '../errors.ts';
import type { Rule } from './bucket.ts';
import type { LimitStore } from './store.ts';

/** How a rule reads in an error message: "at most 20 at once, then 5 per second". */
export function describeRule(rule: Rule): string {
  const rate =
    rule.perSecond >= 1
      ? `${rule.perSecond} per second`
      : rule.perSecond * 60 >= 1
        ? `${Math.round(rule.perSecond * 60)} per minute`
        : `${Math.round(rule.perSecond * 3600)} per hour`;
  return `at most ${rule.burst} at once, then ${rate}`;
}

/** The answer to a spent budget: 429 ST_ERR_RATE_LIMITED with `Retry-After`. */
export function rateLimited(rule: Rule, retryAfterSeconds: number): ApiError {
  return new ApiError('ST_ERR_RATE_LIMITED', {
    message: `Too many ${rule.what}: ${describeRule(rule)}. Try again in ${retryAfterSeconds} s.`,
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
}

/** One rule over a shared store, spent per key (a person, an address); throws when spent. */
export class Budget {
  constructor(
    private readonly store: LimitStore,
    readonly rule: Rule,
  ) {}

  /** Spends `cost` of `key`'s budget, or throws ST_ERR_RATE_LIMITED (spending nothing). */
  async spend(key: string, cost = 1): Promise<void> {
    const decision = await this.store.take(this.rule, key, cost);
    if (!decision.ok) throw rateLimited(this.rule, decision.retryAfterSeconds);
  }
}
