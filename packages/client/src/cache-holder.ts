/**
 * Which cache the client reads and writes: the signed-in person's (or the anonymous page's),
 * opened when they become known, dropped on logout. Cards and photos asked for while a login or a
 * "who am I" is in flight wait for it (see `ready`), so a reloaded page shows what the last visit
 * kept instead of fetching it again.
 */
import { type CacheStorageLike, defaultStorage } from './cache-storage.ts';
import { UserCache } from './user-cache.ts';

export class CacheHolder {
  /** The cache in use, if any (none before a login, or without storage). */
  current: UserCache | undefined;
  /** `null` until first needed: the default storage is decided then, never at construction. */
  private storage: CacheStorageLike | undefined | null = null;
  private signingIn: Promise<unknown> | undefined;

  constructor(
    private readonly option: CacheStorageLike | false | undefined,
    /** Told when a cache has been read, so what it holds can be shown. */
    private readonly loaded: (cache: UserCache) => void,
  ) {}

  /** Use the cache of this person (or of the anonymous page). */
  open(userId: string): void {
    if (this.current?.userId === userId) return;
    void this.current?.flush();
    if (this.storage === null)
      this.storage = this.option === false ? undefined : (this.option ?? defaultStorage());
    const cache = this.storage ? new UserCache(this.storage, userId) : undefined;
    this.current = cache;
    cache?.ready.then(() => {
      if (this.current === cache) this.loaded(cache);
    });
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
    await this.current?.ready;
  }

  /** Stop using the cache and forget everything in it (logout). */
  async drop(): Promise<void> {
    const cache = this.current;
    this.current = undefined;
    await cache?.drop();
  }

  flush(): void {
    void this.current?.flush();
  }
}
