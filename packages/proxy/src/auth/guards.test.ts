import { describe, expect, it } from 'vitest';
import { MemoryLimitStore } from '../limits/memory-store.ts';
import { AnonymousGuard } from './anonymous.ts';
import { ReplayGuard } from './replay.ts';

describe('ReplayGuard', () => {
  it('accepts a jti once until its assertion could no longer be used, then forgets it', () => {
    const guard = new ReplayGuard(1000);
    expect(guard.claim('a', 5000, 1000)).toBe(true);
    expect(guard.claim('a', 5000, 4999)).toBe(false);
    expect(guard.claim('b', 3000, 1000)).toBe(true);
    // Past its time a jti may be claimed again (the assertion itself is refused by then anyway).
    expect(guard.claim('a', 9000, 5000)).toBe(true);
    // The sweep drops what has lapsed.
    guard.claim('c', 20_000, 10_000);
    expect(guard.size).toBe(1);
  });

  it('lets a released jti be used again', () => {
    const guard = new ReplayGuard();
    expect(guard.claim('x', 10_000, 0)).toBe(true);
    guard.release('x');
    expect(guard.claim('x', 10_000, 1)).toBe(true);
  });
});

describe('AnonymousGuard', () => {
  it("counts requests per address, a minute's worth at once, and says how long to wait", async () => {
    let now = 1000;
    const store = new MemoryLimitStore(() => now);
    const guard = new AnonymousGuard({ requestsPerMinute: 3, streamsPerAddress: 1 }, store);
    for (let i = 0; i < 3; i++) expect((await guard.admitRequest('1.2.3.4')).ok).toBe(true);
    now = 11_000;
    expect(await guard.admitRequest('1.2.3.4')).toMatchObject({ ok: false, retryAfterSeconds: 10 });
    expect((await guard.admitRequest('5.6.7.8')).ok).toBe(true);
    now = 61_000;
    expect((await guard.admitRequest('1.2.3.4')).ok).toBe(true);
  });

  it('holds a stream slot until it is released, once', async () => {
    const guard = new AnonymousGuard({ requestsPerMinute: 100, streamsPerAddress: 2 });
    const first = guard.openStream('a');
    const second = guard.openStream('a');
    expect(first.ok && second.ok).toBe(true);
    expect(guard.openStream('a').ok).toBe(false);
    expect(guard.openStream('b').ok).toBe(true);
    if (!first.ok) throw new Error('unreachable');
    first.release();
    first.release();
    expect(guard.streamsOf('a')).toBe(1);
    expect((await guard.admitSocket('a')).ok).toBe(true);
    expect((await guard.admitSocket('a')).ok).toBe(false);
  });
});
