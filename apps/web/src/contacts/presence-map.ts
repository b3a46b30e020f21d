/**
 * One map of presence for many people, from the SDK's one-stream-per-person `presence(id)`. The
 * SDK counts observers per person, so this and the `<st-live-name>` elements share one watch.
 */
import { map, merge, type Observable, scan, startWith } from 'rxjs';
import type { StatusLike } from './contact-groups.ts';

export type PresenceSource<P extends StatusLike> = (userId: string) => Observable<P>;

export function presenceMap<P extends StatusLike>(
  presence: PresenceSource<P>,
  userIds: readonly string[],
): Observable<ReadonlyMap<string, P>> {
  const updates = merge(...userIds.map((id) => presence(id).pipe(map((p) => [id, p] as const))));
  return updates.pipe(
    scan((known, [id, p]) => new Map(known).set(id, p), new Map<string, P>() as ReadonlyMap<string, P>),
    startWith(new Map<string, P>() as ReadonlyMap<string, P>),
  );
}
