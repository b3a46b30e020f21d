import { describe, expect, it } from 'vitest';
import { CacheHolder } from './cache-holder.ts';
import { type CacheStorageLike, memoryStorage } from './cache-storage.ts';
import { LOGIN_HINTS, MAX_LOGIN_HINTS, tokenHint } from './login-hints.ts';
import type { UserCache } from './user-cache.ts';

const TOKEN = 'a-token-of-forty-three-characters-0123456789';

function holder(storage: CacheStorageLike, token: string | undefined) {
  const loaded: string[] = [];
  const caches = new CacheHolder(
    storage,
    (cache: UserCache) => loaded.push(cache.userId),
    () => token,
  );
  return { caches, loaded };
}

/** A holder that met `userId` with `token`, and has saved that. */
async function metBefore(storage: CacheStorageLike, token: string, userId: string): Promise<void> {
  const { caches } = holder(storage, token);
  await caches.ready();
  caches.open(userId);
  await expect.poll(async () => JSON.stringify(await storage.load(LOGIN_HINTS))).toContain(userId);
}

describe('CacheHolder with a token', () => {
  it('opens the cache of the person the token was before anyone names them', async () => {
    const storage = memoryStorage();
    await metBefore(storage, TOKEN, 'alice');
    const { caches, loaded } = holder(storage, TOKEN);
    await caches.ready();
    expect(caches.current?.userId).toBe('alice');
    expect(loaded).toEqual(['alice']);
  });

  it('opens nothing for a token it has not seen', async () => {
    const storage = memoryStorage();
    await metBefore(storage, TOKEN, 'alice');
    const { caches } = holder(storage, `${TOKEN}-other`);
    await caches.ready();
    expect(caches.current).toBeUndefined();
  });

  it('lets the person the proxy names win over the guess', async () => {
    const storage = memoryStorage();
    await metBefore(storage, TOKEN, 'alice');
    const { caches } = holder(storage, TOKEN);
    caches.open('bob');
    await caches.ready();
    expect(caches.current?.userId).toBe('bob');
  });

  it('keeps a hash of the token, never the token', async () => {
    const storage = memoryStorage();
    await metBefore(storage, TOKEN, 'alice');
    const kept = JSON.stringify(await storage.load(LOGIN_HINTS));
    expect(kept).not.toContain(TOKEN);
    expect(kept).toContain(tokenHint(TOKEN));
    expect(tokenHint(TOKEN)).not.toBe(tokenHint(`${TOKEN}x`));
  });

  it('forgets whose the token was on logout', async () => {
    const storage = memoryStorage();
    await metBefore(storage, TOKEN, 'alice');
    const first = holder(storage, TOKEN);
    await first.caches.ready();
    await first.caches.drop();
    const { caches } = holder(storage, TOKEN);
    await caches.ready();
    expect(caches.current).toBeUndefined();
  });

  it(`remembers the last ${MAX_LOGIN_HINTS} tokens`, async () => {
    const storage = memoryStorage();
    for (let i = 0; i <= MAX_LOGIN_HINTS; i++) await metBefore(storage, `${TOKEN}-${i}`, `user-${i}`);
    const newest = holder(storage, `${TOKEN}-${MAX_LOGIN_HINTS}`);
    const oldest = holder(storage, `${TOKEN}-0`);
    await Promise.all([newest.caches.ready(), oldest.caches.ready()]);
    expect(newest.caches.current?.userId).toBe(`user-${MAX_LOGIN_HINTS}`);
    expect(oldest.caches.current).toBeUndefined();
  });

  it('keeps no hint without a token, nor without storage', async () => {
    const storage = memoryStorage();
    const { caches } = holder(storage, undefined);
    caches.open('alice');
    await caches.ready();
    expect(await storage.load(LOGIN_HINTS)).toEqual([]);
    const none = new CacheHolder(
      false,
      () => undefined,
      () => TOKEN,
    );
    none.open('alice');
    await none.ready();
    expect(none.current).toBeUndefined();
  });
});
