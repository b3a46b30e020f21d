import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './limiter.ts';
import { DECOY_HASH, hashPassword, parsePasswordHash, verifyPassword } from './password.ts';

describe('password hashes', () => {
  it('verifies the password it hashed, and nothing else', async () => {
    const hash = await hashPassword('correct horse', { N: 1024, r: 8, p: 1 });
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horse ', hash)).toBe(false);
    expect(await verifyPassword('anything', DECOY_HASH)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('refuses hashes whose cost would stall the proxy', () => {
    expect(parsePasswordHash('scrypt$1000$8$1$AAAA$AAAA')).toBeNull();
    expect(parsePasswordHash(`scrypt$${2 ** 22}$8$1$AAAA$AAAA`)).toBeNull();
    expect(parsePasswordHash('scrypt$16384$8$1$AAAA$AAAA')).not.toBeNull();
  });
});

describe('AttemptLimiter', () => {
  it('blocks a key after max failures until the oldest leaves the window', () => {
    const limiter = new AttemptLimiter(3, 10_000);
    const keys = ['user:a', 'ip:1'];
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds(keys, 1000 + i)).toBe(0);
      limiter.fail(keys, 1000 + i);
    }
    expect(limiter.retryAfterSeconds(keys, 2000)).toBe(9);
    expect(limiter.retryAfterSeconds(['ip:1'], 2000)).toBe(9);
    expect(limiter.retryAfterSeconds(['user:b'], 2000)).toBe(0);
    expect(limiter.retryAfterSeconds(keys, 11_001)).toBe(0);
    limiter.reset('user:a');
    expect(limiter.retryAfterSeconds(['user:a'], 2000)).toBe(0);
  });
});
