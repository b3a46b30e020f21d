import type { BusinessCard, UserSummary } from '@st/client';
import { BehaviorSubject, type Observable, of, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { cardFor } from './card-for.ts';

const bob: BusinessCard = { id: 'bob', displayName: 'Bob Brown', hasPhoto: false };

/** The two members `cardFor` uses: a login that changes, and a card that fails while logged out. */
function fakeClient() {
  const user$ = new BehaviorSubject<UserSummary | null>(null);
  const asked: string[] = [];
  return {
    user$,
    asked,
    card(userId: string): Observable<BusinessCard | undefined> {
      asked.push(userId);
      return user$.value ? of(userId === 'bob' ? bob : undefined) : throwError(() => new Error('401'));
    },
  };
}

describe('cardFor', () => {
  it('shows no card while the request fails, and asks again after a login', () => {
    const client = fakeClient();
    const seen: (BusinessCard | undefined)[] = [];
    const subscription = cardFor(client, 'bob').subscribe((card) => seen.push(card));
    expect(seen).toEqual([undefined]);
    client.user$.next({ id: 'alice', displayName: 'Alice' });
    expect(seen).toEqual([undefined, bob]);
    expect(client.asked).toEqual(['bob', 'bob']);
    subscription.unsubscribe();
  });

  it('does not ask again while the same person stays logged in', () => {
    const client = fakeClient();
    client.user$.next({ id: 'alice', displayName: 'Alice' });
    const subscription = cardFor(client, 'bob').subscribe();
    client.user$.next({ id: 'alice', displayName: 'Alice A.' });
    expect(client.asked).toEqual(['bob']);
    client.user$.next({ id: 'carol', displayName: 'Carol' });
    expect(client.asked).toEqual(['bob', 'bob']);
    subscription.unsubscribe();
  });
});
