/**
 * Whose a token was: a client given a token learns its person only from the proxy (the stream's
 * hello), after the page has rendered. Remembering the person a token turned out to be lets the
 * next visit with the same token open that person's cache at once, so what the last visit kept
 * shows before the proxy answers. A hint is a short hash of the token, never the token.
 *
 * In a browser the hints live in localStorage, read synchronously, so the cache's own (IndexedDB)
 * read starts as the client is made rather than one asynchronous read later; with storage given by
 * the caller they live in that storage, under a name no person's cache can have.
 */
import type { CacheStorageLike } from './cache-storage.ts';

export interface LoginHint {
  /** `tokenHint(token)`. */
  token: string;
  userId: string;
}

export interface LoginHintStore {
  /** Every hint, most recent first: synchronously when the store can. */
  read(): LoginHint[] | Promise<LoginHint[]>;
  write(hints: LoginHint[]): void | Promise<void>;
}

/** Tokens remembered (most recent first): a browser sees few logins. */
export const MAX_LOGIN_HINTS = 16;
/** The name of the hints in a caller's storage: user ids hold no whitespace, so no cache has it. */
export const LOGIN_HINTS = 'login hints';
/** The localStorage key of the hints. */
export const LOGIN_HINTS_KEY = 'st-login-hints';
const HINTS_ENTRY = 'hints';

/**
 * A 53-bit hash of the token (cyrb53): enough to tell a browser's few tokens apart, far too little
 * to recover or guess a 256-bit token from. Synchronous and the same everywhere (Web Crypto is
 * asynchronous, and missing from pages served over plain HTTP).
 */
export function tokenHint(token: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Hints written by another version (or damaged) are left out. */
function validHints(value: unknown): LoginHint[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (hint): hint is LoginHint => typeof hint?.token === 'string' && typeof hint?.userId === 'string',
  );
}

/** The page's localStorage, if it has one that works (private modes may refuse every write). */
export function localStorageHints(): LoginHintStore | undefined {
  let local: Storage;
  try {
    local = globalThis.localStorage;
    if (!local) return undefined;
  } catch {
    return undefined;
  }
  return {
    read: () => {
      try {
        return validHints(JSON.parse(local.getItem(LOGIN_HINTS_KEY) ?? '[]'));
      } catch {
        return [];
      }
    },
    write: (hints) => {
      try {
        if (hints.length === 0) local.removeItem(LOGIN_HINTS_KEY);
        else local.setItem(LOGIN_HINTS_KEY, JSON.stringify(hints));
      } catch {
        // Only the next visit's head start is lost.
      }
    },
  };
}

/** Hints kept in the caller's cache storage (memory, or a storage of their own). */
export function storageHints(storage: CacheStorageLike): LoginHintStore {
  return {
    read: async () => {
      const entries = await storage.load(LOGIN_HINTS).catch(() => []);
      return validHints(entries.find(([key]) => key === HINTS_ENTRY)?.[1]);
    },
    write: (hints) => storage.save(LOGIN_HINTS, [[HINTS_ENTRY, hints]]).catch(() => undefined),
  };
}

export class LoginHints {
  /** The hints as last read or written; read once, on first need. */
  private known: LoginHint[] | Promise<LoginHint[]> | undefined;

  constructor(private readonly store: LoginHintStore) {}

  /** Whom `token` belonged to when last seen: synchronously when the store can answer so. */
  personOf(token: string): string | undefined | Promise<string | undefined> {
    const hint = tokenHint(token);
    const find = (hints: LoginHint[]) => hints.find((h) => h.token === hint)?.userId;
    const hints = this.read();
    return Array.isArray(hints) ? find(hints) : hints.then(find);
  }

  /** `token` belongs to `userId`. */
  remember(token: string, userId: string): Promise<void> {
    const hint = tokenHint(token);
    return this.update((hints) =>
      hints[0]?.token === hint && hints[0].userId === userId
        ? undefined
        : [{ token: hint, userId }, ...hints.filter((h) => h.token !== hint)].slice(0, MAX_LOGIN_HINTS),
    );
  }

  /** Forget every token of `userId` (logout). */
  forget(userId: string): Promise<void> {
    return this.update((hints) =>
      hints.some((h) => h.userId === userId) ? hints.filter((h) => h.userId !== userId) : undefined,
    );
  }

  private read(): LoginHint[] | Promise<LoginHint[]> {
    this.known ??= this.store.read();
    return this.known;
  }

  /** `change` answers the new hints, or undefined when nothing changes. */
  private async update(change: (hints: LoginHint[]) => LoginHint[] | undefined): Promise<void> {
    const next = change(await this.read());
    if (!next) return;
    this.known = next;
    await this.store.write(next);
  }
}
