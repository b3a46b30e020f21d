/**
 * What a caller without a login may do when ST_ANONYMOUS_AWARENESS is on, and how much of it:
 * read presence and minimal cards, watch a page's worth of people, within a per-address budget
 * of requests and open streams. Everything else needs a login (the routes say `required`).
 */
import { LIMITS } from '@st/protocol';
import type { Rule } from '../limits/bucket.ts';
import { MemoryLimitStore } from '../limits/memory-store.ts';
import type { LimitStore } from '../limits/store.ts';
import type { Login } from './logins.ts';

/** People a stream may watch at once: fewer for an anonymous page than for a person's client. */
export function watchLimitFor(login: Login | null): number {
  return login ? LIMITS.watchIdsPerSession : LIMITS.anonymousWatchIdsPerSession;
}

/** Seconds an address over its stream limit is told to wait: streams end only when pages close. */
const STREAM_RETRY_SECONDS = 30;

export interface Refusal {
  ok: false;
  retryAfterSeconds: number;
  /** Which limit, in words, for the error message or close reason. */
  reason: string;
}
export type Admission = { ok: true } | Refusal;
/** A stream slot: call `release` once, when the stream's connection closes. */
export type StreamAdmission = { ok: true; release: () => void } | Refusal;

export interface AnonymousLimits {
  requestsPerMinute: number;
  streamsPerAddress: number;
}

/**
 * Per-address budgets for anonymous callers. Requests spend a token bucket per address in the
 * shared limit store (a minute's worth at once, refilled evenly); streams are counted while
 * open, on this proxy (a stream is a connection to it).
 */
export class AnonymousGuard {
  private readonly openStreams = new Map<string, number>();
  private readonly requests: Rule;

  constructor(
    private readonly limits: AnonymousLimits = {
      requestsPerMinute: LIMITS.anonymousRequestsPerMinute,
      streamsPerAddress: LIMITS.anonymousStreamsPerAddress,
    },
    private readonly store: LimitStore = new MemoryLimitStore(),
  ) {
    this.requests = {
      name: 'anonymous-requests',
      what: 'requests without a login',
      burst: limits.requestsPerMinute,
      perSecond: limits.requestsPerMinute / 60,
    };
  }

  /** Counts one request from `address` (an address key); refused once its budget is spent. */
  async admitRequest(address: string): Promise<Admission> {
    const decision = await this.store.take(this.requests, address);
    if (decision.ok) return { ok: true };
    return {
      ok: false,
      retryAfterSeconds: decision.retryAfterSeconds,
      reason: `at most ${this.limits.requestsPerMinute} requests a minute from one address without a login`,
    };
  }

  /** Takes a stream slot for `address` while the address has one free. */
  openStream(address: string): StreamAdmission {
    const open = this.openStreams.get(address) ?? 0;
    if (open >= this.limits.streamsPerAddress) {
      return {
        ok: false,
        retryAfterSeconds: STREAM_RETRY_SECONDS,
        reason: `at most ${this.limits.streamsPerAddress} event streams open at once from one address without a login`,
      };
    }
    this.openStreams.set(address, open + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const left = (this.openStreams.get(address) ?? 1) - 1;
        if (left > 0) this.openStreams.set(address, left);
        else this.openStreams.delete(address);
      },
    };
  }

  /** A WebSocket: one request of the budget, and a stream slot while it stays open. */
  async admitSocket(address: string): Promise<StreamAdmission> {
    const request = await this.admitRequest(address);
    return request.ok ? this.openStream(address) : request;
  }

  /** Open anonymous streams of `address` (for tests and metrics). */
  streamsOf(address: string): number {
    return this.openStreams.get(address) ?? 0;
  }
}
