import type { DirectoryPerson } from '@st/protocol/core';
import { Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { moveActive, type SearchState, searchSummary, typeAhead } from './type-ahead.ts';

const grace: DirectoryPerson = { id: 'grace', displayName: 'Grace Green' };

/** Virtual time: the debounce is checked by the scheduler's clock, never by waiting. */
function scheduler() {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

describe('typeAhead', () => {
  it('waits for a pause, searches once per query, and ignores short ones', () => {
    const searched: string[] = [];
    const search = async (q: string) => {
      searched.push(q);
      return [grace];
    };
    const testScheduler = scheduler();
    testScheduler.run(({ cold, expectObservable }) => {
      // "g", then "gr" and "gra" typed quickly, then nothing: one search, for "gra".
      const query$ = cold('a 9ms b 9ms c', { a: 'g', b: 'gr', c: 'gra' });
      const states = typeAhead(query$, search, testScheduler, 50);
      expectObservable(states).toBe('a 9ms b 9ms c', {
        a: { kind: 'idle' },
        b: { kind: 'searching', query: 'gr' },
        c: { kind: 'searching', query: 'gra' },
      });
    });
    // The promise of the search resolves outside virtual time: only which queries ran is checked.
    expect(searched).toEqual(['gra']);
  });

  it('says so when a search fails, and reads a trimmed query once', async () => {
    const failing = async () => {
      throw Object.assign(new Error('slow down'), { code: 'ST_ERR_RATE_LIMITED', status: 429 });
    };
    const seen: SearchState[] = [];
    const query$ = new Subject<string>();
    const done = new Promise<void>((resolve) =>
      typeAhead(query$, failing, undefined, 0).subscribe((s) => {
        seen.push(s);
        if (s.kind === 'failed') resolve();
      }),
    );
    query$.next('gr');
    query$.next(' gr ');
    await done;
    expect(seen.map((s) => s.kind)).toEqual(['searching', 'failed']);
    expect(searchSummary(seen[1]!)).toMatch(/Too many/);
  });
});

describe('searchSummary', () => {
  it('counts in words', () => {
    expect(searchSummary({ kind: 'idle' })).toBe('');
    expect(searchSummary({ kind: 'searching', query: 'gr' })).toBe('Searching…');
    expect(searchSummary({ kind: 'results', query: 'zz', people: [] })).toBe('No one found for “zz”.');
    expect(searchSummary({ kind: 'results', query: 'gr', people: [grace] })).toBe('1 person found.');
    expect(searchSummary({ kind: 'results', query: 'gr', people: [grace, grace] })).toBe('2 people found.');
  });
});

describe('moveActive', () => {
  it('moves through the options and wraps around', () => {
    expect(moveActive('ArrowDown', -1, 3)).toBe(0);
    expect(moveActive('ArrowDown', 2, 3)).toBe(0);
    expect(moveActive('ArrowUp', 0, 3)).toBe(2);
    expect(moveActive('ArrowUp', -1, 3)).toBe(2);
    expect(moveActive('Home', 2, 3)).toBe(0);
    expect(moveActive('End', 0, 3)).toBe(2);
  });
  it('lets other keys through, and does nothing without options', () => {
    expect(moveActive('a', 0, 3)).toBeUndefined();
    expect(moveActive('ArrowDown', -1, 0)).toBeUndefined();
  });
});
