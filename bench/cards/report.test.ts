import { describe, expect, it } from 'vitest';
import { openingTimes, timeSummary } from './report.ts';

describe('timeSummary', () => {
  it('gives the median and the 95th percentile by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(timeSummary(values)).toEqual({ count: 100, p50: 50, p95: 95, max: 100 });
    expect(timeSummary([]).count).toBe(0);
  });
});

describe('openingTimes', () => {
  it('counts only the cards that showed, and photos only where there were some', () => {
    const times = openingTimes([
      { id: 'a', shownMs: 2, photoMs: 10 },
      { id: 'b', shownMs: 4, photoMs: null },
      { id: 'c', shownMs: null, photoMs: null, problem: 'focus opened no card' },
    ]);
    expect(times.shown).toMatchObject({ count: 2, p50: 2, max: 4 });
    expect(times.photo).toMatchObject({ count: 1, p50: 10 });
  });
});
