/**
 * Which typing notices are worth forwarding. A client may report `typing: true` on every key; the
 * proxy forwards the first, then at most one per `throttleMs` per person and conversation (each
 * renews the receivers' `ttlMs`), and `typing: false` only when `true` was forwarded and has not
 * expired since. Entries are dropped when they stop or expire, so idle people cost nothing.
 */
const SWEEP_AT = 10_000;

export class TypingThrottle {
  /** When `typing: true` was last forwarded, by `<conversation> <person>`. */
  private readonly forwarded = new Map<string, number>();

  constructor(
    private readonly throttleMs: number,
    private readonly ttlMs: number,
  ) {}

  /** True when this notice should go to the other participants. */
  shouldForward(conversationId: string, userId: string, typing: boolean, now = Date.now()): boolean {
    const key = `${conversationId} ${userId}`;
    const last = this.forwarded.get(key);
    const showing = last !== undefined && now - last < this.ttlMs;
    if (!typing) {
      this.forwarded.delete(key);
      return showing;
    }
    if (showing && now - last < this.throttleMs) return false;
    this.forwarded.set(key, now);
    if (this.forwarded.size > SWEEP_AT) this.sweep(now);
    return true;
  }

  /** A message ends typing on the receivers' side: forget it so the next key press is forwarded. */
  stopped(conversationId: string, userId: string): void {
    this.forwarded.delete(`${conversationId} ${userId}`);
  }

  private sweep(now: number): void {
    for (const [key, at] of this.forwarded) if (now - at >= this.ttlMs) this.forwarded.delete(key);
  }
}
