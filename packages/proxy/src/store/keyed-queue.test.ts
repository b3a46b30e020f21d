import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue.ts';

/** A promise and the function that resolves it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('KeyedQueue', () => {
  it('runs the tasks of one key in order, each after the previous has finished', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const first = gate();
    const a = queue.run('alice', async () => {
      await first.promise;
      order.push('first');
    });
    const b = queue.run('alice', async () => {
      order.push('second');
    });
    // Another key does not wait for alice's slow task.
    await queue.run('bob', async () => {
      order.push('bob');
    });
    first.open();
    await Promise.all([a, b]);
    expect(order).toEqual(['bob', 'first', 'second']);
  });

  it('goes on after a task fails, passes the failure to its caller, and forgets idle keys', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('alice', async () => {
      throw new Error('no');
    });
    const next = queue.run('alice', async () => 'yes');
    await expect(failed).rejects.toThrow('no');
    expect(await next).toBe('yes');
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.size).toBe(0);
  });
});
