/**
 * One map of presence for many people, from the SDK's one-stream-per-person `presence(id)`. The
 * SDK counts observers per person, so this and the `<st-live-name>` elements share one watch.
 *
 * Changes that arrive together (a whole list's first presence comes in one event) make one new map,
 * a microtask later: copying the map once per person would cost millions of steps for 2,000 people.
 */
import { map, merge, Observable, startWith } from 'rxjs';
import type { StatusLike } from './contact-groups.ts';

export type PresenceSource<P extends StatusLike> = (userId: string) => Observable<P>;

export function presenceMap<P extends StatusLike>(
  presence: PresenceSource<P>,
  userIds: readonly string[],
): Observable<ReadonlyMap<string, P>> {
  const updates = merge(...userIds.map((id) => presence(id).pipe(map((p) => [id, p] as const))));
  const batched = new Observable<ReadonlyMap<string, P>>((subscriber) => {
    let known: ReadonlyMap<string, P> = new Map();
    let pending: (readonly [string, P])[] = [];
    let closed = false;
    const flush = () => {
      if (closed || pending.length === 0) return;
      const next = new Map(known);
      for (const [id, p] of pending) next.set(id, p);
      pending = [];
      known = next;
      subscriber.next(next);
    };
    const subscription = updates.subscribe({
      next: (update) => {
        if (pending.length === 0) queueMicrotask(flush);
        pending.push(update);
      },
      error: (error: unknown) => subscriber.error(error),
    });
    return () => {
      closed = true;
      subscription.unsubscribe();
    };
  });
  return batched.pipe(startWith(new Map<string, P>() as ReadonlyMap<string, P>));
}
