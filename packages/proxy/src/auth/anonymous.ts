/**
 * What a caller without a login may do when ST_ANONYMOUS_AWARENESS is on, and how much of it:
 * read presence and minimal cards, watch a page's worth of people, within a per-address budget
 * of requests and open streams. Everything else needs a login (the routes say `required`).
 */
import { LIMITS } from '@st/protocol';
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

interface RequestWindow {
  startedAt: number;
  count: number;
}

/**
 * Per-address budgets for anonymous callers. Requests are counted in fixed one-minute windows
 * (one number per address, not a timestamp per request); streams are counted while open.
 */
export class AnonymousGuard {
  private readonly windows = new Map<string, RequestWindow>();
  private readonly openStreams = new Map<string, number>();
  private nextSweep = 0;

  constructor(
    private readonly limits: AnonymousLimits = {
      requestsPerMinute: LIMITS.anonymousRequestsPerMinute,
      streamsPerAddress: LIMITS.anonymousStreamsPerAddress,
    },
  ) {}

  /** Counts one request from `address`; refused once the address used up this minute's budget. */
  admitRequest(address: string, now = Date.now()): Admission {
    this.sweep(now);
    let window = this.windows.get(address);
    if (!window || now - window.startedAt >= 60_000) {
      window = { startedAt: now, count: 0 };
      this.windows.set(address, window);
    }
    if (window.count >= this.limits.requestsPerMinute) {
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + 60_000 - now) / 1000)),
        reason: `at most ${this.limits.requestsPerMinute} requests a minute from one address without a login`,
      };
    }
    window.count++;
    return { ok: true };
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
  admitSocket(address: string, now = Date.now()): StreamAdmission {
    const request = this.admitRequest(address, now);
    return request.ok ? this.openStream(address) : request;
  }

  /** Open anonymous streams of `address` (for tests and metrics). */
  streamsOf(address: string): number {
    return this.openStreams.get(address) ?? 0;
  }

  /** Drops finished windows now and then, so addresses that came once do not stay forever. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 60_000;
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= 60_000) this.windows.delete(address);
    }
  }
}
