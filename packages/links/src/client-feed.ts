/**
 * The toolkit's own small stand-ins for the RxJS it would otherwise bundle: `/st/stlinks.js` takes
 * the SDK from `components.js`, and subscribing to the SDK's Observables needs no RxJS code of
 * its own, so the script stays small.
 */
import type { StClient } from '@st/client';

export interface Unsubscribable {
  unsubscribe(): void;
}

/** The page's client now and each one after it (an Observable's `subscribe`, with a callback). */
export interface ClientFeed {
  subscribe(next: (client: StClient) => void): Unsubscribable;
}

/** What the SDK's Observables offer, as far as the toolkit uses it. */
interface Subscribable<T> {
  subscribe(observer: {
    next(value: T): void;
    error(error: unknown): void;
    complete(): void;
  }): Unsubscribable;
}

/** The first value, or `fallback` when there is none or the source fails. */
export function firstOr<T>(source: Subscribable<T>, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    let done = false;
    let subscription: Unsubscribable | undefined;
    const settle = (value: T) => {
      if (done) return;
      done = true;
      resolve(value);
      subscription?.unsubscribe();
    };
    subscription = source.subscribe({
      next: settle,
      error: () => settle(fallback),
      complete: () => settle(fallback),
    });
    if (done) subscription.unsubscribe();
  });
}
