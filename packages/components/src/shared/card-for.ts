import type { BusinessCard, StClient } from '@st/client';
import { catchError, distinctUntilChanged, map, type Observable, of, switchMap } from 'rxjs';

/**
 * A person's business card that follows the login: asked again whenever the logged-in person
 * changes, because a card asked before the login fails (401) and another login may see other
 * people. A card that cannot be had is `undefined`: the element then shows the name it has.
 */
export function cardFor(
  client: Pick<StClient, 'user$' | 'card'>,
  userId: string,
): Observable<BusinessCard | undefined> {
  return client.user$.pipe(
    map((user) => user?.id),
    distinctUntilChanged(),
    switchMap(() => client.card(userId).pipe(catchError(() => of(undefined)))),
  );
}
