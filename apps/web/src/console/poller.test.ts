import { afterEach, describe, expect, it, vi } from 'vitest';
import { Poller } from './poller.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('Poller', () => {
  it('runs one request at a time, again after each answer, and never after stop', async () => {
    vi.useFakeTimers();
    let runs = 0;
    let finish: () => void = () => {};
    const poller = new Poller(
      () =>
        new Promise<void>((resolve) => {
          runs++;
          finish = resolve;
        }),
      1000,
    );
    poller.start();
    expect(runs).toBe(1);
    // A refresh asked for while one is on its way joins it.
    void poller.now();
    expect(runs).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(2);
    finish();
    poller.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(2);
  });
});
