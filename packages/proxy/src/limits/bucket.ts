/**
 * The one token bucket every limit of the proxy uses: `burst` actions at once, then `perSecond`
 * on average. It refills lazily (no timers), and a cost may be more than one (people invited).
 * The arithmetic is pure so that a shared store (memory now, Redis later) applies the same rule.
 */

/** A limit: how many at once, how fast it comes back, and what it is called in messages. */
export interface Rule {
  /** Namespaces the keys of this rule in a shared store, and names it in metrics. */
  name: string;
  /** What is counted, in words: "directory searches". */
  what: string;
  burst: number;
  perSecond: number;
}

export interface BucketState {
  tokens: number;
  /** Epoch ms of the last refill. */
  at: number;
}

export interface Decision {
  ok: boolean;
  /** Whole seconds until the cost would fit again (0 when `ok`). */
  retryAfterSeconds: number;
}

/** The state refilled up to `now`. */
export function refilled(state: BucketState | undefined, rule: Rule, now: number): BucketState {
  if (!state) return { tokens: rule.burst, at: now };
  const elapsed = Math.max(0, now - state.at);
  return { tokens: Math.min(rule.burst, state.tokens + (elapsed * rule.perSecond) / 1000), at: now };
}

/** Spends `cost` when it fits (a refused cost spends nothing); answers the new state and the decision. */
export function spend(
  state: BucketState | undefined,
  rule: Rule,
  cost: number,
  now: number,
): { state: BucketState; decision: Decision } {
  const next = refilled(state, rule, now);
  if (next.tokens >= cost) {
    next.tokens -= cost;
    return { state: next, decision: { ok: true, retryAfterSeconds: 0 } };
  }
  const missing = Math.min(cost, rule.burst) - next.tokens;
  return {
    state: next,
    decision: { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / rule.perSecond)) },
  };
}

/** Whether a bucket is full at `now` (nothing to remember about its key). */
export function isFull(state: BucketState, rule: Rule, now: number): boolean {
  return refilled(state, rule, now).tokens >= rule.burst;
}

/** A bucket of one local thing (a connection's frames): synchronous, held by its owner. */
export class TokenBucket {
  private state: BucketState;

  constructor(
    private readonly rule: Rule,
    now = Date.now(),
  ) {
    this.state = { tokens: rule.burst, at: now };
  }

  /** Takes `cost` tokens; false (taking nothing) when they are not there. */
  take(now = Date.now(), cost = 1): boolean {
    const { state, decision } = spend(this.state, this.rule, cost, now);
    this.state = state;
    return decision.ok;
  }
}
