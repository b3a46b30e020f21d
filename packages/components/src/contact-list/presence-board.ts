/**
 * The presence of many people as one stream for a list: one shared Map, updated in place as each
 * person's presence arrives (copying it for each of 2,000 first answers would cost millions of
 * steps), emitted with a version so the view re-renders; the ObserveController batches renders.
 */
import type { Presence } from '@st/client';
import { defer, map, merge, type Observable, of, scan } from 'rxjs';

export interface PresenceBoard {
  version: number;
  byId: ReadonlyMap<string, Presence>;
}

export function presenceBoard(
  presence: (id: string) => Observable<Presence>,
  ids: readonly string[],
): Observable<PresenceBoard> {
  if (ids.length === 0) return of({ version: 0, byId: new Map() });
  return defer(() => {
    const byId = new Map<string, Presence>();
    return merge(...ids.map((id) => presence(id))).pipe(
      scan((version, next) => {
        byId.set(next.userId, next);
        return version + 1;
      }, 0),
      map((version) => ({ version, byId })),
    );
  });
}
