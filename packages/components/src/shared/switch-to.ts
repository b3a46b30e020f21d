/**
 * `source.pipe(switchMap(project))` written out: each value of `source` replaces what follows
 * with `project(value)`. The elements every page loads use this instead of RxJS's operator, which
 * brings RxJS's conversion of promises, iterables and streams into the page with it.
 * Completes when `source` and the last projection have both completed.
 */
import { Observable, type Subscription } from 'rxjs';

export function switchTo<A, B>(source: Observable<A>, project: (value: A) => Observable<B>): Observable<B> {
  return new Observable<B>((subscriber) => {
    let inner: Subscription | undefined;
    let innerDone = true;
    let outerDone = false;
    const outer = source.subscribe({
      next: (value) => {
        inner?.unsubscribe();
        innerDone = false;
        inner = project(value).subscribe({
          next: (projected) => subscriber.next(projected),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            innerDone = true;
            if (outerDone) subscriber.complete();
          },
        });
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        outerDone = true;
        if (innerDone) subscriber.complete();
      },
    });
    return () => {
      outer.unsubscribe();
      inner?.unsubscribe();
    };
  });
}

/** One value, then complete (RxJS's `of(value)`, without what `of` brings along). */
export function just<T>(value: T): Observable<T> {
  return new Observable<T>((subscriber) => {
    subscriber.next(value);
    subscriber.complete();
  });
}
