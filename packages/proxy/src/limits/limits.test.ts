/** The one token bucket, the in-memory limit store, and budgets over it. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { addressKey } from './address.ts';
import { type Rule, TokenBucket } from './bucket.ts';
import { Budget } from './budget.ts';
import { MemoryLimitStore } from './memory-store.ts';

const rule: Rule = { name: 'test', what: 'tests', burst: 10, perSecond: 1 };

describe('the limit store in memory', () => {
  it('allows a burst, refills over time, charges a cost at once, and says when to come back', async () => {
    let now = 0;
    const store = new MemoryLimitStore(() => now);
    expect((await store.take(rule, 'alice', 10)).ok).toBe(true);
    expect(await store.take(rule, 'alice')).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Someone else's budget is their own, and another rule's key is another bucket.
    expect((await store.take(rule, 'bob', 10)).ok).toBe(true);
    expect((await store.take({ ...rule, name: 'other' }, 'alice', 10)).ok).toBe(true);
    now = 3000;
    expect((await store.take(rule, 'alice', 3)).ok).toBe(true);
    expect((await store.take(rule, 'alice')).ok).toBe(false);
    // A refused cost spends nothing.
    now = 4000;
    expect(await store.take(rule, 'alice', 5)).toEqual({ ok: false, retryAfterSeconds: 4 });
    expect((await store.take(rule, 'alice')).ok).toBe(true);
    // Given back, and reset.
    await store.give(rule, 'alice', 2);
    expect((await store.take(rule, 'alice', 2)).ok).toBe(true);
    await store.reset(rule, 'alice');
    expect((await store.take(rule, 'alice', 10)).ok).toBe(true);
  });

  it('is decided one call at a time, so parallel takes cannot overspend', async () => {
    const store = new MemoryLimitStore();
    const answers = await Promise.all(Array.from({ length: 40 }, () => store.take(rule, 'alice')));
    expect(answers.filter((a) => a.ok)).toHaveLength(10);
  });
});

describe('a budget', () => {
  it('throws ST_ERR_RATE_LIMITED with Retry-After when spent', async () => {
    const budget = new Budget(new MemoryLimitStore(() => 0), rule);
    await budget.spend('alice', 10);
    const refused = await budget.spend('alice').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('ST_ERR_RATE_LIMITED');
    expect((refused as ApiError).headers['retry-after']).toBe('1');
    expect((refused as ApiError).message).toContain('at most 10 at once, then 1 per second');
  });
});

describe('a local token bucket', () => {
  it('uses the same arithmetic', () => {
    const bucket = new TokenBucket({ ...rule, burst: 2 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(1000)]).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });
});

describe('address keys', () => {
  it('keys IPv6 by its /64 and IPv4 (mapped or not) by the address', () => {
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe(addressKey('2001:db8:1:2:ffff::1'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(addressKey('10.0.0.1')).not.toBe(addressKey('10.0.0.2'));
  });
});
