import { describe, expect, it } from 'vitest';
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
