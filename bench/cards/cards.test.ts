import { describe, expect, it } from 'vitest';
import { runCards } from './bench.ts';
import { cardAims, cardsTable } from './report.ts';

describe('the business-card benchmark, small', () => {
  it('visits twice against slapd: one LDAP query per batch, then none, and no photo twice', async () => {
    const names = 30;
    const result = await runCards({ names, timeout: 60 }, () => {});
    const { first, second } = result;

    expect(first.load.queries.people).toBe(1);
    expect(first.load.searches).toMatchObject({ batches: 1, batchedPeople: names, largestBatch: names });
    expect(first.load.calls.cards).toMatchObject({ requests: 1, ids: names });
    expect(first.cards.openings.filter((o) => o.shownMs !== null)).toHaveLength(names);
    expect(first.cards.openings.filter((o) => o.photoMs !== null)).toHaveLength(result.withPhoto);
    expect(result.withPhoto).toBeGreaterThan(0);
    expect(first.cards.calls.photo.requests).toBe(result.withPhoto);
    expect(first.cards.calls.photo.bytes).toBeGreaterThan(0);
    expect(first.cards.queries.photo).toBe(0);

    // The second visit: what the first kept serves it, in the browser and in the proxy.
    for (const phase of [second.load, second.cards]) {
      expect(Object.values(phase.queries).every((n) => n === 0)).toBe(true);
      expect(phase.searches).toMatchObject({ batches: 0, single: 0 });
      expect(phase.calls.cards.requests).toBe(0);
      expect(phase.calls.photo).toMatchObject({ requests: 0, bytes: 0 });
    }
    expect(second.cards.openings.filter((o) => o.photoMs !== null)).toHaveLength(result.withPhoto);
    expect(cardAims(result, names).filter((aim) => !aim.met)).toEqual([]);
    expect(cardsTable(result)).toContain('card open → name and title');
  });
});
