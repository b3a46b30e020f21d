/**
 * Typing notifications both ways. Sending: `true` when typing starts and again every
 * `RENEW_TYPING_MS` while it lasts (the proxy forwards one per `LIMITS.typingThrottleMs` and
 * receivers clear it after `ttlMs`), `false` once when it stops or after `TYPING_IDLE_MS` without a
 * key. Receiving: who is typing now, each cleared after the `ttlMs` their event gave, or by their
 * message.
 */
import { LIMITS } from '@st/protocol/core';
import { BehaviorSubject } from 'rxjs';

/** Renew `typing: true` this often: well inside the receivers' timeout, never faster than the proxy forwards. */
export const RENEW_TYPING_MS = Math.max(LIMITS.typingThrottleMs, LIMITS.typingTtlMs / 2);
/** No key for this long counts as having stopped. */
export const TYPING_IDLE_MS = 6_000;

export class TypingSender {
  private announcedAt: number | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (typing: boolean) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  set(typing: boolean): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!typing) {
      if (this.announcedAt === undefined) return;
      this.announcedAt = undefined;
      this.send(false).catch(ignore);
      return;
    }
    this.idleTimer = setTimeout(() => this.set(false), TYPING_IDLE_MS);
    const now = this.now();
    if (this.announcedAt !== undefined && now - this.announcedAt < RENEW_TYPING_MS) return;
    this.announcedAt = now;
    this.send(true).catch(() => {
      // Not said, so nothing to take back; the next key tries again.
      this.announcedAt = undefined;
    });
  }

  /** Forget without telling anyone (logout, the conversation went away). */
  stop(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.announcedAt = undefined;
  }
}

/** Who is typing in one conversation, by user id, in the order they started. */
export class TypingBoard {
  readonly typing$ = new BehaviorSubject<string[]>([]);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  apply(userId: string, typing: boolean, ttlMs: number): void {
    const timer = this.timers.get(userId);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(userId);
    if (typing) {
      const ttl = ttlMs > 0 ? ttlMs : LIMITS.typingTtlMs;
      this.timers.set(
        userId,
        setTimeout(() => this.apply(userId, false, 0), ttl),
      );
    }
    const now = [...this.timers.keys()];
    const before = this.typing$.value;
    if (now.length !== before.length || now.some((id, i) => id !== before[i])) this.typing$.next(now);
  }

  /** Their message arrived: they are no longer typing it. */
  stopped(userId: string): void {
    if (this.timers.has(userId)) this.apply(userId, false, 0);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (this.typing$.value.length) this.typing$.next([]);
  }
}

function ignore(): void {}
