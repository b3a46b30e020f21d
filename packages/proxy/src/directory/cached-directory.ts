/**
 * A cache in front of a slow directory (LDAP), so a page of 2,000 live names costs the server a
 * handful of queries rather than 2,000:
 * - cards are kept for a TTL, and "no such person" for a shorter one;
 * - concurrent lookups of the same person share one query;
 * - every miss asked for in one turn of the event loop goes out together, at most `batchSize`
 *   people per query (LDAP: one `(|(uid=a)(uid=b)…)` search per 100);
 * - while the directory is unreachable, cards it answered before are served even when expired.
 * Searches are cached briefly; photos and health checks are coalesced; logins are never cached.
 */
import {
  type BusinessCard,
  type ContactGroup,
  type DirectoryPerson,
  LIMITS,
  type UserSummary,
} from '@st/protocol';
import { TtlCache } from './ttl-cache.ts';
import { type Directory, type DirectoryHealth, DirectoryUnavailableError, type Photo } from './types.ts';

export interface CacheOptions {
  /** How long a card is fresh. */
  ttlMs: number;
  /** How long "no such person" is remembered. */
  missTtlMs: number;
  /** People per query to the directory. */
  batchSize?: number;
  maxPeople?: number;
  /** How long a search's answer is reused for the same query. */
  searchTtlMs?: number;
  now?: () => number;
}

interface Waiter {
  resolve(card: BusinessCard | null): void;
  reject(error: unknown): void;
}

const HEALTH_TTL_MS = 1000;

export class CachedDirectory implements Directory {
  readonly caseInsensitiveIds: boolean;
  private readonly people: TtlCache<string, BusinessCard | null>;
  private readonly loading = new Map<string, Promise<BusinessCard | null>>();
  private pending = new Map<string, Waiter>();
  private flushScheduled = false;
  private readonly searches: TtlCache<string, DirectoryPerson[]>;
  private readonly searching = new Map<string, Promise<DirectoryPerson[]>>();
  private readonly photos = new Map<string, Promise<Photo | null>>();
  private healthCheck: { at: number; answer: Promise<DirectoryHealth> } | undefined;
  private readonly batchSize: number;
  private readonly now: () => number;

  constructor(
    private readonly inner: Directory,
    private readonly options: CacheOptions,
  ) {
    this.caseInsensitiveIds = inner.caseInsensitiveIds ?? false;
    this.now = options.now ?? Date.now;
    this.batchSize = options.batchSize ?? LIMITS.usersPerRequest;
    this.people = new TtlCache({ maxEntries: options.maxPeople ?? 50_000, now: this.now });
    this.searches = new TtlCache({ maxEntries: 1000, now: this.now });
  }

  authenticate(userId: string, password: string): Promise<UserSummary | null> {
    return this.inner.authenticate(userId, password);
  }

  async getPeople(ids: readonly string[]): Promise<BusinessCard[]> {
    const cards = await Promise.all([...new Set(ids)].map((id) => this.person(id)));
    return cards.filter((card): card is BusinessCard => card !== null);
  }

  private person(id: string): Promise<BusinessCard | null> {
    const cached = this.people.get(id);
    if (cached !== undefined) return Promise.resolve(cached);
    let loading = this.loading.get(id);
    if (!loading) {
      loading = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
      this.loading.set(id, loading);
      this.scheduleFlush();
    }
    return loading;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One macrotask: requests parsed in the same turn of the event loop share the queries.
    setImmediate(() => {
      this.flushScheduled = false;
      const batch = this.pending;
      this.pending = new Map();
      const ids = [...batch.keys()];
      for (let i = 0; i < ids.length; i += this.batchSize) {
        void this.load(ids.slice(i, i + this.batchSize), batch);
      }
    });
  }

  private async load(ids: string[], waiters: Map<string, Waiter>): Promise<void> {
    try {
      const found = this.match(ids, await this.inner.getPeople(ids));
      for (const id of ids) {
        const card = found.get(id) ?? null;
        this.people.set(id, card, card ? this.options.ttlMs : this.options.missTtlMs);
        waiters.get(id)!.resolve(card);
      }
    } catch (error) {
      for (const id of ids) {
        const stale = error instanceof DirectoryUnavailableError ? this.people.getStale(id) : undefined;
        if (stale !== undefined) waiters.get(id)!.resolve(stale);
        else waiters.get(id)!.reject(error);
      }
    } finally {
      for (const id of ids) this.loading.delete(id);
    }
  }

  /** Which asked id each card answers (by the directory's own spelling when ids ignore case). */
  private match(ids: string[], cards: BusinessCard[]): Map<string, BusinessCard> {
    const byId = new Map(cards.map((card) => [card.id, card]));
    const byFolded = new Map(cards.map((card) => [card.id.toLowerCase(), card]));
    const found = new Map<string, BusinessCard>();
    for (const id of ids) {
      const card = byId.get(id) ?? (this.caseInsensitiveIds ? byFolded.get(id.toLowerCase()) : undefined);
      if (card) found.set(id, card);
    }
    return found;
  }

  search(query: string, limit: number): Promise<DirectoryPerson[]> {
    const key = `${limit}\u0000${query.trim().toLowerCase()}`;
    const cached = this.searches.get(key);
    if (cached) return Promise.resolve(cached);
    let searching = this.searching.get(key);
    if (!searching) {
      searching = this.inner.search(query, limit);
      this.searching.set(key, searching);
      searching
        .then((people) => this.searches.set(key, people, this.options.searchTtlMs ?? 30_000))
        .catch(() => {})
        .finally(() => this.searching.delete(key));
    }
    return searching;
  }

  photo(id: string): Promise<Photo | null> {
    let photo = this.photos.get(id);
    if (!photo) {
      photo = this.inner.photo(id);
      this.photos.set(id, photo);
      photo.catch(() => {}).finally(() => this.photos.delete(id));
    }
    return photo;
  }

  contacts(userId: string): Promise<ContactGroup[]> {
    return this.inner.contacts(userId);
  }

  /** Readiness probes from many balancers share one check a second. */
  health(): Promise<DirectoryHealth> {
    const now = this.now();
    if (!this.healthCheck || now - this.healthCheck.at >= HEALTH_TTL_MS) {
      this.healthCheck = { at: now, answer: this.inner.health().catch((error) => this.unhealthy(error)) };
    }
    return this.healthCheck.answer;
  }

  private unhealthy(error: unknown): DirectoryHealth {
    return { ok: false, detail: (error as Error).message };
  }

  /** Forgets every answer (the next lookups go to the directory). */
  clear(): void {
    this.people.clear();
    this.searches.clear();
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }
}
