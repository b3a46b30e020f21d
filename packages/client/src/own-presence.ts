/**
 * The signed-in person's own presence: follows whoever is logged in (nothing while nobody is), and
 * counts its observers so the stream opens while anyone looks.
 */
import type { Presence, UserSummary } from '@st/protocol/core';
import { Observable, type Subscription } from 'rxjs';

export function ownPresence(
  user$: Observable<UserSummary | null>,
  presence: (userId: string) => Observable<Presence>,
  watchers: (delta: 1 | -1) => void,
): Observable<Presence> {
  return new Observable<Presence>((subscriber) => {
    watchers(1);
    // Who is followed now, and their presence: a new person replaces it (a `switchMap` by hand).
    let followed: string | undefined;
    let following: Subscription | undefined;
    const users = user$.subscribe((user) => {
      if (user?.id === followed) return;
      followed = user?.id;
      following?.unsubscribe();
      following = followed ? presence(followed).subscribe((p) => subscriber.next(p)) : undefined;
    });
    return () => {
      watchers(-1);
      users.unsubscribe();
      following?.unsubscribe();
    };
  });
}
