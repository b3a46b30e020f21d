import { type BucketState, type Decision, isFull, type Rule, refilled, spend } from './bucket.ts';
import type { LimitStore } from './store.ts';

/** Past this many buckets, full ones are swept, so callers cycling keys cannot grow the map. */
const SWEEP_ABOVE = 10_000;

/** The buckets of one proxy process: the default when no shared store is configured. */
export class MemoryLimitStore implements LimitStore {
  private readonly buckets = new Map<string, { rule: Rule; state: BucketState }>();

  constructor(private readonly clock: () => number = Date.now) {}

  async take(rule: Rule, key: string, cost = 1): Promise<Decision> {
    return this.takeNow(rule, key, cost);
  }

  /** The same as `take`, synchronously (this store needs no round trip). */
  takeNow(rule: Rule, key: string, cost = 1): Decision {
    const now = this.clock();
    const id = `${rule.name}\u0000${key}`;
    const { state, decision } = spend(this.buckets.get(id)?.state, rule, cost, now);
    this.buckets.set(id, { rule, state });
    if (this.buckets.size > SWEEP_ABOVE) this.sweep(now);
    return decision;
  }

  async give(rule: Rule, key: string, cost = 1): Promise<void> {
    const id = `${rule.name}\u0000${key}`;
    const bucket = this.buckets.get(id);
    if (!bucket) return;
    const state = refilled(bucket.state, rule, this.clock());
    state.tokens = Math.min(rule.burst, state.tokens + cost);
    bucket.state = state;
  }

  async reset(rule: Rule, key: string): Promise<void> {
    this.buckets.delete(`${rule.name}\u0000${key}`);
  }

  get size(): number {
    return this.buckets.size;
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }

  private sweep(now: number): void {
    for (const [id, { rule, state }] of this.buckets) if (isFull(state, rule, now)) this.buckets.delete(id);
  }
}
