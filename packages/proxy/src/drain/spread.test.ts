import { describe, expect, it } from 'vitest';
import { spreadOver } from './spread.ts';

describe('spreadOver', () => {
  it('acts on every item at once when the window is too short to slice', async () => {
    const seen: number[] = [];
    await spreadOver([1, 2, 3], 0, (n) => seen.push(n));
    expect(seen).toEqual([1, 2, 3]);
  });

  it('acts on every item exactly once, in slices that follow each other in time', async () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    const times: number[] = [];
    const seen: number[] = [];
    const started = performance.now();
    await spreadOver(items, 500, (n) => {
      seen.push(n);
      times.push(performance.now() - started);
    });
    expect(seen).toEqual(items);
    // Five slices of five: the first slice at once, the last after at least four pauses.
    expect(times[0]).toBeLessThan(times[24]!);
    expect(times[24]!).toBeGreaterThanOrEqual(400 - 5);
  });
});
