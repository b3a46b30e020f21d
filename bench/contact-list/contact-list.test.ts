import { describe, expect, it } from 'vitest';
import { runContactList } from './bench.ts';

describe('the contact-list benchmark, small', () => {
  it('loads the hosted client until every status shows, then times frames while statuses change', async () => {
    const result = await runContactList(
      { people: 40, online: 4, changesPerSecond: 10, seconds: 1, timeout: 60 },
      () => {},
    );
    expect(result.groups).toBe(1);
    expect(result.load.firstNameMs).toBeGreaterThan(0);
    expect(result.load.allNamesMs).toBeGreaterThanOrEqual(result.load.firstNameMs);
    expect(result.load.interactiveMs).toBeGreaterThanOrEqual(result.load.allNamesMs);
    expect(result.changes.sent).toBe(10);
    expect(result.changes.frames.count).toBeGreaterThan(0);
  });
});
