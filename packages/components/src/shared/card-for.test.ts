import type { BusinessCard, UserSummary } from '@st/client';
import { BehaviorSubject, type Observable, of, Subject, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { askPerLogin, cardFor } from './card-for.ts';

const bob: BusinessCard = { id: 'bob', displayName: 'Bob Brown', hasPhoto: false };
const alice: UserSummary = { id: 'alice', displayName: 'Alice' };

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
    client.user$.next(alice);
    expect(seen).toEqual([undefined, bob]);
    expect(client.asked).toEqual(['bob', 'bob']);
    subscription.unsubscribe();
  });

  it('does not ask again while the same person stays logged in', () => {
    const client = fakeClient();
    client.user$.next(alice);
    const subscription = cardFor(client, 'bob').subscribe();
    client.user$.next({ id: 'alice', displayName: 'Alice A.' });
    expect(client.asked).toEqual(['bob']);
    client.user$.next({ id: 'carol', displayName: 'Carol' });
    expect(client.asked).toEqual(['bob', 'bob']);
    subscription.unsubscribe();
  });

  it('keeps the answer it has when the client learns who its login is (a token)', () => {
    // A token's client knows its person only once the stream says hello; the card it already
    // fetched was fetched with that same token.
    const asked: string[] = [];
    const user$ = new BehaviorSubject<UserSummary | null>(null);
    const client = {
      user$,
      card: (userId: string) => {
        asked.push(userId);
        return of(bob);
      },
    };
    const seen: (BusinessCard | undefined)[] = [];
    const subscription = cardFor(client, 'bob').subscribe((card) => seen.push(card));
    user$.next(alice);
    expect(asked).toEqual(['bob']);
    expect(seen).toEqual([bob]);
    subscription.unsubscribe();
  });

  it('asks again after a logout, and after a failure that came once the login changed', () => {
    const answers = new Subject<BusinessCard | undefined>();
    const asked: string[] = [];
    const user$ = new BehaviorSubject<UserSummary | null>(null);
    let next: () => Observable<BusinessCard | undefined> = () => answers;
    const client = {
      user$,
      card: (userId: string) => {
        asked.push(userId);
        return next();
      },
    };
    const seen: (BusinessCard | undefined)[] = [];
    const subscription = cardFor(client, 'bob').subscribe((card) => seen.push(card));
    // Logged in while the first ask is on its way, and that ask then fails (it went out without).
    user$.next(alice);
    expect(asked).toEqual(['bob']);
    next = () => of(bob);
    answers.error(new Error('401'));
    expect(asked).toEqual(['bob', 'bob']);
    expect(seen).toEqual([undefined, bob]);
    user$.next(null);
    expect(asked).toEqual(['bob', 'bob', 'bob']);
    subscription.unsubscribe();
  });
});

describe('askPerLogin', () => {
  it('stops asking once unsubscribed', () => {
    const user$ = new BehaviorSubject<UserSummary | null>(null);
    let asks = 0;
    const subscription = askPerLogin(
      { user$ },
      () => {
        asks++;
        return of('photo');
      },
      undefined,
    ).subscribe();
    subscription.unsubscribe();
    user$.next(alice);
    user$.next(null);
    expect(asks).toBe(1);
  });
});
