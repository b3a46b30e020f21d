/**
 * Which cache the client reads and writes: the signed-in person's (or the anonymous page's),
 * opened when they become known, dropped on logout. Cards and photos asked for while a login or a
 * "who am I" is in flight wait for it (see `ready`), so a reloaded page shows what the last visit
 * kept instead of fetching it again.
 *
 * A client given a token learns whose it is only from the proxy, after the page has rendered: the
 * person a token turned out to be is remembered (see login-hints.ts), and the next visit with the
 * same token opens that person's cache at once. Should the proxy name someone else, their cache
 * replaces it.
 */
import { type CacheStorageLike, defaultStorage } from './cache-storage.ts';
import { LoginHints, localStorageHints, storageHints } from './login-hints.ts';
import { UserCache } from './user-cache.ts';

export class CacheHolder {
  /** The cache in use, if any (none before a login, or without storage). */
  current: UserCache | undefined;
  /** `null` until first needed: the default storage is decided then, never at construction. */
  private storage: CacheStorageLike | undefined | null = null;
  private signingIn: Promise<unknown> | undefined;
  /** Reading the hints to open the cache of a token's person, while it lasts. */
  private guessing: Promise<void> | undefined;
  /** `null` until first needed, like the storage. */
  private hints: LoginHints | undefined | null = null;

  constructor(
    private readonly option: CacheStorageLike | false | undefined,
    /** Told when a cache has been read, so what it holds can be shown. */
    private readonly loaded: (cache: UserCache) => void,
    /** The token the client uses now, if any. */
    private readonly token: () => string | undefined = () => undefined,
  ) {
    if (this.token()) this.guess();
  }

  /** Use the cache of this person (or of the anonymous page), whom the proxy has just named. */
  open(userId: string): void {
    this.use(userId);
    this.remember(userId);
  }

  /** Remembers a login or "who am I" in flight until it settles. */
  whileSigningIn<T>(attempt: Promise<T>): Promise<T> {
    const tracked = attempt.finally(() => {
      if (this.signingIn === tracked) this.signingIn = undefined;
    });
    this.signingIn = tracked;
    return tracked;
  }

  /** Settles when the cache of whoever is signed in can be read. */
  async ready(): Promise<void> {
    await this.signingIn?.catch(() => undefined);
    await this.guessing;
    await this.current?.ready;
  }

  /** Stop using the cache and forget everything in it (logout), and whose the token was. */
  async drop(): Promise<void> {
    const cache = this.current;
    this.current = undefined;
    if (cache) await Promise.all([cache.drop(), this.loginHints()?.forget(cache.userId)]);
  }

  flush(): void {
    void this.current?.flush();
  }

  private use(userId: string): void {
    if (this.current?.userId === userId) return;
    void this.current?.flush();
    const storage = this.store();
    const cache = storage ? new UserCache(storage, userId) : undefined;
    this.current = cache;
    cache?.ready.then(() => {
      if (this.current === cache) this.loaded(cache);
    });
  }

  private store(): CacheStorageLike | undefined {
    if (this.storage === null)
      this.storage = this.option === false ? undefined : (this.option ?? defaultStorage());
    return this.storage;
  }

  /** The hints beside the storage: localStorage with the default one, else inside the storage. */
  private loginHints(): LoginHints | undefined {
    if (this.hints === null) {
      const storage = this.store();
      const store = !storage
        ? undefined
        : this.option === undefined
          ? (localStorageHints() ?? storageHints(storage))
          : storageHints(storage);
      this.hints = store && new LoginHints(store);
    }
    return this.hints;
  }

  /** Opens the cache of the person the token was on an earlier visit, if it was seen before. */
  private guess(): void {
    const token = this.token();
    const person = token && this.loginHints()?.personOf(token);
    if (!person) return;
    if (typeof person === 'string') {
      this.use(person);
      return;
    }
    const guessing: Promise<void> = person
      .then((userId) => {
        // Whoever the proxy named meanwhile wins over a guess.
        if (userId && !this.current && this.token() === token) this.use(userId);
      })
      .finally(() => {
        if (this.guessing === guessing) this.guessing = undefined;
      });
    this.guessing = guessing;
  }

  private remember(userId: string): void {
    const token = this.token();
    if (token) void this.loginHints()?.remember(token, userId);
  }
}
