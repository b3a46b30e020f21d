import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTracker } from './idle-tracker.ts';

describe('IdleTracker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('turns idle after the quiet time and active at the next activity', () => {
    const activity = new Subject<void>();
    const tracker = new IdleTracker(1000);
    const seen: boolean[] = [];
    tracker.idle$.subscribe((idle) => seen.push(idle));
    tracker.start(activity);
    vi.advanceTimersByTime(900);
    activity.next();
    vi.advanceTimersByTime(900);
    expect(seen).toEqual([false]);
    vi.advanceTimersByTime(100);
    expect(seen).toEqual([false, true]);
    activity.next();
    activity.next();
    expect(seen).toEqual([false, true, false]);
    tracker.stop();
  });

  it('never turns idle by itself before it follows any activity', () => {
    const tracker = new IdleTracker(1000);
    tracker.setIdle(false);
    vi.advanceTimersByTime(10_000);
    expect(tracker.idle).toBe(false);
  });

  it('takes a manual override until the next activity', () => {
    const activity = new Subject<void>();
    const tracker = new IdleTracker(1000);
    tracker.start(activity);
    tracker.setIdle(true);
    expect(tracker.idle).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(tracker.idle).toBe(true);
    activity.next();
    expect(tracker.idle).toBe(false);
    tracker.stop();
    vi.advanceTimersByTime(10_000);
    expect(tracker.idle).toBe(false);
  });
});
