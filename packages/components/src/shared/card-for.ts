import type { BusinessCard, StClient } from '@st/client';
import { distinctUntilChanged, map, Observable, type Subscription } from 'rxjs';

/**
 * Something about a person that follows the login: asked once, and again only when the answer
 * might now differ. That is when the logged-in person changes from one to another (or logs out:
 * another login may see other people), and when the last ask failed (a card asked before the login
 * fails with 401). When a client learns who its login is (a token's person is named by the
 * stream's hello), an answer it already has, or is still waiting for, was given to that same login:
 * asking again would only repeat the request, and re-render every element showing it.
 * A failed ask shows `fallback`.
 */
export function askPerLogin<T>(
  client: Pick<StClient, 'user$'>,
  ask: () => Observable<T>,
  fallback: T,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    let login: string | undefined;
    /** The login the current ask went out under. */
    let askedAs: string | undefined;
    let failed = false;
    let asking: Subscription | undefined;
    let started = false;
    const askNow = () => {
      asking?.unsubscribe();
      askedAs = login;
      failed = false;
      asking = ask().subscribe({
        next: (value) => subscriber.next(value),
        error: () => {
          failed = true;
          subscriber.next(fallback);
          // The login changed while this was on its way: ask the new one.
          if (login !== askedAs) askNow();
        },
      });
    };
    const logins = client.user$
      .pipe(
        map((user) => user?.id),
        distinctUntilChanged(),
      )
      .subscribe((id) => {
        const previous = login;
        login = id;
        if (!started || previous !== undefined || failed) {
          started = true;
          askNow();
        }
      });
    return () => {
      logins.unsubscribe();
      asking?.unsubscribe();
    };
  });
}

/**
 * A person's business card that follows the login (see `askPerLogin`). A card that cannot be had
 * is `undefined`: the element then shows the name it has.
 */
export function cardFor(
  client: Pick<StClient, 'user$' | 'card'>,
  userId: string,
): Observable<BusinessCard | undefined> {
  return askPerLogin(client, () => client.card(userId), undefined);
}
