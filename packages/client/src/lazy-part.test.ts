import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { LazyPart, lazyObservable } from './lazy-part.ts';

describe('LazyPart', () => {
  it('makes its part once, however many ask at once', async () => {
    let made = 0;
    const part = new LazyPart(async () => ({ n: ++made }));
    expect(part.value).toBeUndefined();
    const [a, b] = await Promise.all([part.get(), part.get()]);
    expect(a).toBe(b);
    expect(made).toBe(1);
    expect(part.value).toBe(a);
  });

  it('tries again after a failed load', async () => {
    let attempts = 0;
    const part = new LazyPart(async () => {
      attempts++;
      if (attempts === 1) throw new Error('offline');
      return 'loaded';
    });
    await expect(part.get()).rejects.toThrow('offline');
    await expect(part.get()).resolves.toBe('loaded');
  });
});

describe('lazyObservable', () => {
  it('subscribes to the source once it has loaded, and errors when it cannot load', async () => {
    const source = new BehaviorSubject(1);
    const seen: number[] = [];
    const subscription = lazyObservable(async () => source).subscribe((n) => seen.push(n));
    expect(seen).toEqual([]);
    await Promise.resolve();
    await Promise.resolve();
    source.next(2);
    expect(seen).toEqual([1, 2]);
    subscription.unsubscribe();
    expect(source.observed).toBe(false);

    const failure = await new Promise((resolve) =>
      lazyObservable<number>(() => Promise.reject(new Error('no chunk'))).subscribe({ error: resolve }),
    );
    expect(failure).toBeInstanceOf(Error);
  });

  it('never subscribes when unsubscribed before the load ends', async () => {
    const source = new BehaviorSubject(1);
    lazyObservable(async () => source)
      .subscribe()
      .unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(source.observed).toBe(false);
  });
});
