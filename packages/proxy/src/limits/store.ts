/**
 * Where the buckets of shared limits live: limits keyed by person, address, (person, address) or
 * login id, which every proxy of a cluster must see alike. Asynchronous so that a store in Redis
 * (one atomic script per call) fits the same call sites as the in-memory default.
 */
import type { Decision, Rule } from './bucket.ts';

export interface LimitStore {
  /** Spends `cost` of `key`'s bucket under `rule`, or refuses, spending nothing. */
  take(rule: Rule, key: string, cost?: number): Promise<Decision>;
  /** Gives `cost` back (an attempt that turned out fine), never above the burst. */
  give(rule: Rule, key: string, cost?: number): Promise<void>;
  /** Forgets `key`'s bucket under `rule`: it is full again. */
  reset(rule: Rule, key: string): Promise<void>;
  close(): Promise<void>;
}
