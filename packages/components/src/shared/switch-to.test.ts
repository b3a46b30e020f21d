import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { just, switchTo } from './switch-to.ts';

describe('switchTo', () => {
  it('follows the projection of the latest value only, and completes when both have', () => {
    const outer = new Subject<string>();
    const inners = new Map([
      ['a', new Subject<number>()],
      ['b', new Subject<number>()],
    ]);
    const seen: number[] = [];
    let completed = false;
    switchTo(outer, (key) => inners.get(key)!).subscribe({
      next: (n) => seen.push(n),
      complete: () => {
        completed = true;
      },
    });
    outer.next('a');
    inners.get('a')!.next(1);
    outer.next('b');
    inners.get('a')!.next(2); // no longer followed
    inners.get('b')!.next(3);
    expect(seen).toEqual([1, 3]);
    expect(inners.get('a')!.observed).toBe(false);
    outer.complete();
    expect(completed).toBe(false);
    inners.get('b')!.complete();
    expect(completed).toBe(true);
  });

  it('passes errors on, and unsubscribes from both', () => {
    const outer = new Subject<number>();
    const inner = new Subject<number>();
    const errors: unknown[] = [];
    const subscription = switchTo(outer, () => inner).subscribe({ error: (e) => errors.push(e) });
    outer.next(1);
    subscription.unsubscribe();
    expect(outer.observed).toBe(false);
    expect(inner.observed).toBe(false);
    switchTo(outer, () => inner).subscribe({ error: (e) => errors.push(e) });
    outer.next(1);
    inner.error('broken');
    expect(errors).toEqual(['broken']);
  });
});

describe('just', () => {
  it('gives one value and completes', () => {
    const seen: unknown[] = [];
    just(7).subscribe({ next: (v) => seen.push(v), complete: () => seen.push('done') });
    expect(seen).toEqual([7, 'done']);
  });
});
