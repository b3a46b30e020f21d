import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';

/** Always the top of the range, so the ceiling itself is visible. */
const almostOne = () => 0.999_999;

describe('Backoff', () => {
  it('doubles the ceiling per failure up to the cap', () => {
    const backoff = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000, random: almostOne });
    const delays = Array.from({ length: 6 }, () => backoff.next());
    expect(delays).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoff.attempts).toBe(6);
  });

  it('draws each delay from the whole range (full jitter)', () => {
    const backoff = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000, random: () => 0 });
    expect(backoff.next()).toBe(0);
    const half = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 });
    half.next();
    expect(half.next()).toBe(100);
  });

  it('starts from the initial delay again after a success', () => {
    const backoff = new Backoff({ initialDelayMs: 100, maxDelayMs: 10_000, random: almostOne });
    backoff.next();
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(99);
  });

  it('never exceeds the cap however many failures', () => {
    const backoff = new Backoff({ initialDelayMs: 500, maxDelayMs: 20_000 });
    for (let i = 0; i < 200; i++) {
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(20_000);
    }
  });
});
