/**
 * The signed-in person's own presence: follows whoever is logged in (nothing while nobody is), and
 * counts its observers so the stream opens while anyone looks.
 */
import type { Presence, UserSummary } from '@st/protocol/core';
import { distinctUntilChanged, EMPTY, map, Observable, switchMap } from 'rxjs';

export function ownPresence(
  user$: Observable<UserSummary | null>,
  presence: (userId: string) => Observable<Presence>,
  watchers: (delta: 1 | -1) => void,
): Observable<Presence> {
  return new Observable<Presence>((subscriber) => {
    watchers(1);
    const subscription = user$
      .pipe(
        map((user) => user?.id),
        distinctUntilChanged(),
        switchMap((id) => (id ? presence(id) : EMPTY)),
      )
      .subscribe(subscriber);
    return () => {
      watchers(-1);
      subscription.unsubscribe();
    };
  });
}
