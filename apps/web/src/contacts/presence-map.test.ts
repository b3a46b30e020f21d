import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { presenceMap } from './presence-map.ts';

interface P {
  userId: string;
  status: string;
}

describe('presenceMap', () => {
  it('starts empty, then holds the latest presence of each person', async () => {
    const sources = new Map<string, Subject<P>>();
    const source = (id: string) => {
      const subject = new Subject<P>();
      sources.set(id, subject);
      return subject;
    };
    const seen: ReadonlyMap<string, P>[] = [];
    const subscription = presenceMap(source, ['bob', 'carol']).subscribe((m) => seen.push(m));

    expect(seen).toHaveLength(1);
    expect(seen[0]?.size).toBe(0);
    sources.get('bob')?.next({ userId: 'bob', status: 'available' });
    sources.get('carol')?.next({ userId: 'carol', status: 'away' });
    // Changes that arrive together make one map, a microtask later.
    await Promise.resolve();
    expect(seen).toHaveLength(2);
    sources.get('bob')?.next({ userId: 'bob', status: 'dnd' });
    await Promise.resolve();

    const last = seen.at(-1);
    expect(last?.get('bob')?.status).toBe('dnd');
    expect(last?.get('carol')?.status).toBe('away');
    // Each value is a new map, so a view comparing by identity sees the change.
    expect(seen[1]).not.toBe(seen[2]);
    subscription.unsubscribe();
  });

  it('lets go of every person when unsubscribed', () => {
    const subjects: Subject<P>[] = [];
    const source = (_id: string) => {
      const subject = new Subject<P>();
      subjects.push(subject);
      return subject;
    };
    const subscription = presenceMap(source, ['bob', 'carol']).subscribe();
    expect(subjects.every((s) => s.observed)).toBe(true);
    subscription.unsubscribe();
    expect(subjects.some((s) => s.observed)).toBe(false);
  });
});
