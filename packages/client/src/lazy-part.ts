/**
 * Parts of the client whose code loads on first use (the contact list, preferences, photos), so
 * a page that only shows live names never downloads them. A part is made once, by the first call
 * that needs it; until then events for it are dropped (nobody can be looking at what they change).
 */
import { Observable } from 'rxjs';

export class LazyPart<T> {
  /** The part, once made. */
  value: T | undefined;
  private loading: Promise<T> | undefined;

  constructor(private readonly make: () => Promise<T>) {}

  get(): Promise<T> {
    this.loading ??= this.make().then(
      (part) => {
        this.value = part;
        return part;
      },
      (error: unknown) => {
        // A failed load (the network dropped the chunk) is tried again by the next call.
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }
}

/** An Observable that loads its source on subscription (a failed load is its error). */
export function lazyObservable<T>(source: () => Promise<Observable<T>>): Observable<T> {
  return new Observable<T>((subscriber) => {
    let inner: { unsubscribe(): void } | undefined;
    source().then(
      (observable) => {
        if (!subscriber.closed) inner = observable.subscribe(subscriber);
      },
      (error: unknown) => subscriber.error(error),
    );
    return () => inner?.unsubscribe();
  });
}
