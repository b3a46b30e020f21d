/**
 * Failed login attempts per key (a user id, an address) in a sliding window. Past `max` failures
 * within the window a key must wait until its oldest failure leaves the window.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    /** Past this many keys, stale ones are swept so an attacker cycling keys cannot grow the map. */
    private readonly sweepAbove = 10_000,
  ) {}

  /** Whole seconds until every key in `keys` may try again; 0 when they all may now. */
  retryAfterSeconds(keys: readonly string[], now = Date.now()): number {
    let waitMs = 0;
    for (const key of keys) {
      const list = this.recent(key, now);
      if (list && list.length >= this.max) waitMs = Math.max(waitMs, list[0]! + this.windowMs - now);
    }
    return Math.ceil(waitMs / 1000);
  }

  fail(keys: readonly string[], now = Date.now()): void {
    for (const key of keys) {
      const list = this.recent(key, now) ?? [];
      list.push(now);
      if (list.length > this.max) list.shift();
      this.failures.set(key, list);
    }
    if (this.failures.size > this.sweepAbove) this.sweep(now);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] | undefined {
    const list = this.failures.get(key);
    if (!list) return undefined;
    while (list.length > 0 && list[0]! <= now - this.windowMs) list.shift();
    if (list.length === 0) {
      this.failures.delete(key);
      return undefined;
    }
    return list;
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
  }
}
