/** Budgets, the typing throttle and the group commit, on their own and through the API. */
import { LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { startTestProxy } from '../testing.ts';
import { codeOf, Person } from './chat-test-support.ts';
import { GroupCommit } from './group-commit.ts';
import { TypingThrottle } from './typing.ts';

describe('the typing throttle', () => {
  it('forwards the first start, one per throttle window, and a stop only after a shown start', () => {
    const throttle = new TypingThrottle(3000, 10_000);
    expect(throttle.shouldForward('c', 'alice', false, 0)).toBe(false);
    expect(throttle.shouldForward('c', 'alice', true, 0)).toBe(true);
    expect(throttle.shouldForward('c', 'alice', true, 1000)).toBe(false);
    expect(throttle.shouldForward('c', 'bob', true, 1000)).toBe(true);
    expect(throttle.shouldForward('c', 'alice', true, 3000)).toBe(true);
    expect(throttle.shouldForward('c', 'alice', false, 4000)).toBe(true);
    expect(throttle.shouldForward('c', 'alice', false, 4001)).toBe(false);
    // A start that expired on the receivers' side needs no stop.
    expect(throttle.shouldForward('c', 'bob', false, 20_000)).toBe(false);
    throttle.shouldForward('c', 'alice', true, 30_000);
    throttle.stopped('c', 'alice');
    expect(throttle.shouldForward('c', 'alice', true, 30_001)).toBe(true);
  });
});

describe('the group commit', () => {
  it('writes what arrives in one turn as one batch and answers each in order', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, string>(
      async (items) => {
        batches.push(items);
        return items.map((n) => `stored ${n}`);
      },
      { enabled: true, maxBatch: 3 },
    );
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => commit.write(n)));
    expect(answers).toEqual(['stored 1', 'stored 2', 'stored 3', 'stored 4', 'stored 5']);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    const single = new GroupCommit<number, number>(async (items) => items, { enabled: false, maxBatch: 3 });
    batches.length = 0;
    expect(await Promise.all([7, 8].map((n) => single.write(n)))).toEqual([7, 8]);
  });

  it('holds what arrives while the batches in flight are written, and writes it as the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const commit = new GroupCommit<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items;
      },
      { enabled: true, maxBatch: 10, maxInFlight: 1 },
    );
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const answers = [commit.write(1), commit.write(2)];
    await turn();
    for (const n of [3, 4, 5]) {
      answers.push(commit.write(n));
      await turn();
    }
    expect(batches).toEqual([[1, 2]]);
    release();
    expect(await Promise.all(answers)).toEqual([1, 2, 3, 4, 5]);
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('fails every caller of a batch that could not be written', async () => {
    const commit = new GroupCommit<number, number>(
      async () => {
        throw new Error('disk full');
      },
      { enabled: true, maxBatch: 10 },
    );
    const results = await Promise.allSettled([commit.write(1), commit.write(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('rate limits through the API', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startTestProxy();
  });
  afterAll(() => proxy.close());

  it(`refuse messages past a burst of ${LIMITS.messageBurst} with 429 and Retry-After`, async () => {
    const alice = await Person.login(proxy.url, 'alice');
    const im = await alice.openIm('bob');
    // Four bursts at once: even on a loaded machine the refill cannot keep up with them all.
    const answers = await Promise.all(
      Array.from({ length: LIMITS.messageBurst * 4 }, (_, i) => alice.send(im.id, `n${i}`)),
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(codeOf(refused[0]!)).toBe('ST_ERR_RATE_LIMITED');
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another person's budget is untouched.
    const bob = await Person.login(proxy.url, 'bob');
    expect((await bob.send(im.id, 'still fine')).status).toBe(201);
  });

  it(`refuse invitations past a burst of ${LIMITS.invitationBurst} people`, async () => {
    const carol = await Person.login(proxy.url, 'carol');
    const others = [
      'alice',
      'bob',
      'dave',
      'erin',
      'frank',
      'grace',
      'heidi',
      'ivan',
      'judy',
      'kenji',
      'leila',
    ];
    let answer = await carol.call('POST', '/conversations', { participants: others });
    let sent = 0;
    while (answer.status === 201) {
      sent += others.length;
      answer = await carol.call('POST', '/conversations', { participants: others });
    }
    expect(answer.status).toBe(429);
    expect(sent).toBeGreaterThanOrEqual(LIMITS.invitationBurst - others.length);
    expect(sent).toBeLessThanOrEqual(LIMITS.invitationBurst + others.length);
  });
});
