/**
 * The one place that picks where shared limits and used SSO `jti`s live. Today: this process's
 * memory. A cluster store (Redis: an atomic script per bucket, `SET NX` per `jti`) plugs in here
 * and nowhere else.
 */
import { ReplayGuard, type ReplayStore } from '../auth/replay.ts';
import type { ProxyConfig } from '../config.ts';
import { MemoryLimitStore } from './memory-store.ts';
import type { LimitStore } from './store.ts';

export interface SharedGuards {
  limits: LimitStore;
  replay: ReplayStore;
}

export function openSharedGuards(_config: ProxyConfig): SharedGuards {
  return { limits: new MemoryLimitStore(), replay: new ReplayGuard().asStore() };
}
