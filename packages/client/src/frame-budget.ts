/**
 * A token bucket for frames this client sends. The proxy closes a socket that sends more than
 * `LIMITS.wsFramesPerSecond` on average (burst `LIMITS.wsFrameBurst`) with 4429; the client keeps
 * to half of that, so a page that adds names on every animation frame (a scrolling list) has its
 * changes merged into fewer frames instead of being cut off.
 */
import { WS_FRAME_BURST, WS_FRAMES_PER_SECOND } from '@st/protocol/core';

export class FrameBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number = WS_FRAMES_PER_SECOND / 2,
    private readonly burst: number = WS_FRAME_BURST / 2,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Milliseconds until a frame may go out; 0 for now. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.perSecond);
  }

  /** Counts frames sent (a snapshot may spend more than is left: the next wait is longer). */
  spend(frames: number): void {
    this.refill();
    this.tokens -= frames;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
  }
}
