import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CacheHolder } from './cache-holder.ts';
import { LOGIN_HINTS_KEY, LoginHints, localStorageHints, tokenHint } from './login-hints.ts';

const TOKEN = 'a-token-of-forty-three-characters-0123456789';

/** The part of the Web Storage API the hints use, kept in a map. */
function fakeLocalStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
    key: (index: number) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LoginHints in localStorage', () => {
  it('answers whose a token was synchronously, and keeps no token', async () => {
    const local = fakeLocalStorage();
    vi.stubGlobal('localStorage', local);
    await new LoginHints(localStorageHints()!).remember(TOKEN, 'alice');
    expect(new LoginHints(localStorageHints()!).personOf(TOKEN)).toBe('alice');
    expect(new LoginHints(localStorageHints()!).personOf(`${TOKEN}x`)).toBeUndefined();
    expect(local.getItem(LOGIN_HINTS_KEY)).toContain(tokenHint(TOKEN));
    expect(local.getItem(LOGIN_HINTS_KEY)).not.toContain(TOKEN);
  });

  it('reads damaged or foreign hints as none, and forgets a person on logout', async () => {
    const local = fakeLocalStorage();
    vi.stubGlobal('localStorage', local);
    local.setItem(LOGIN_HINTS_KEY, '{not json');
    expect(new LoginHints(localStorageHints()!).personOf(TOKEN)).toBeUndefined();
    const hints = new LoginHints(localStorageHints()!);
    await hints.remember(TOKEN, 'alice');
    await hints.forget('alice');
    expect(local.getItem(LOGIN_HINTS_KEY)).toBeNull();
  });

  it('lets the default storage open the cache of a known token as the client is made', async () => {
    vi.stubGlobal('localStorage', fakeLocalStorage());
    const first = new CacheHolder(
      undefined,
      () => undefined,
      () => TOKEN,
    );
    first.open('alice-hints');
    await expect.poll(() => new LoginHints(localStorageHints()!).personOf(TOKEN)).toBe('alice-hints');
    const next = new CacheHolder(
      undefined,
      () => undefined,
      () => TOKEN,
    );
    // No await: the cache's own read starts at once.
    expect(next.current?.userId).toBe('alice-hints');
  });

  it('is not used when the page has no working localStorage', () => {
    vi.stubGlobal('localStorage', undefined);
    expect(localStorageHints()).toBeUndefined();
  });
});
