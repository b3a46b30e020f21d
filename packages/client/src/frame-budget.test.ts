import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameBudget } from './frame-budget.ts';
import { type FrameSender, WatchSync } from './watch-sync.ts';

describe('FrameBudget', () => {
  it('allows a burst, then one frame per refill interval', () => {
    let now = 0;
    const budget = new FrameBudget(10, 5, () => now);
    for (let i = 0; i < 5; i++) {
      expect(budget.waitMs()).toBe(0);
      budget.spend(1);
    }
    expect(budget.waitMs()).toBe(100);
    now += 100;
    expect(budget.waitMs()).toBe(0);
  });

  it('makes a large spend wait longer', () => {
    let now = 0;
    const budget = new FrameBudget(10, 5, () => now);
    budget.spend(8);
    expect(budget.waitMs()).toBe(400);
    now = 10_000;
    expect(budget.waitMs()).toBe(0);
  });
});

describe('WatchSync under a frame budget', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('merges changes into fewer frames once the burst is spent, losing none', () => {
    const frames: { add: string[] }[] = [];
    const sender: FrameSender = {
      isReady: true,
      send: (frame) => frames.push(frame as { add: string[] }) > 0,
    };
    const sync = new WatchSync(sender, new FrameBudget(10, 5, () => Date.now()));
    // One new name per animation frame for two seconds, as a scrolling list would.
    for (let i = 0; i < 120; i++) {
      sync.want(`u${i}`);
      vi.advanceTimersByTime(16);
    }
    vi.advanceTimersByTime(1000);
    const sent = frames.flatMap((f) => f.add);
    expect(sent).toHaveLength(120);
    expect(new Set(sent).size).toBe(120);
    expect(frames.length).toBeLessThanOrEqual(5 + Math.ceil((120 * 16 + 1000) / 100));
  });
});
