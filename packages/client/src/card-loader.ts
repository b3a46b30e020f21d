/**
 * Business cards, batched and cached: every `card(id)` asked for in one macrotask becomes one
 * `GET /api/v1/users?ids=` per 100 ids, and a card is fetched again only when the one kept is
 * older than its time to live. A stale card is shown at once and refreshed behind it
 * (stale-while-revalidate); "no such person" is remembered as well, for a shorter while.
 */
import { type BusinessCard, USERS_PER_REQUEST } from '@st/protocol/core';
import { Observable, type Subscriber } from 'rxjs';
import { isValidUserId } from './presence-hub.ts';
import { TickBatcher } from './tick.ts';
import type { CardEntry, UserCache } from './user-cache.ts';

/** Ids per request: the proxy's limit, which keeps URLs short enough for every gateway in between. */
export const CARD_IDS_PER_REQUEST = USERS_PER_REQUEST;
/** How long a card is used without asking the proxy again (default). */
export const DEFAULT_CARD_TTL_MS = 24 * 60 * 60 * 1000;
/** "No such person" is believed for at most this long: directories gain people every day. */
export const MISSING_CARD_TTL_MS = 60 * 60 * 1000;

export interface CardLoaderConfig {
  fetchCards(ids: string[]): Promise<BusinessCard[]>;
  /** The cache of the current user, if any. */
  cache(): UserCache | undefined;
  /** Settles when the cache can be read (a login in flight, the cache loading from storage). */
  cacheReady(): Promise<void>;
  ttlMs?: number;
  now?: () => number;
}

interface Waiter {
  resolve(card: BusinessCard | null): void;
  reject(error: unknown): void;
}

const sameCard = (a: BusinessCard | null, b: BusinessCard | null) => JSON.stringify(a) === JSON.stringify(b);

export class CardLoader {
  /** What this client fetched itself; also used when there is no cache (Node, `storage: false`). */
  private readonly fetched = new Map<string, CardEntry>();
  private readonly inflight = new Map<string, Promise<BusinessCard | null>>();
  private queued = new Map<string, Waiter>();
  private readonly tick = new TickBatcher(() => this.flush());
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly config: CardLoaderConfig) {
    this.ttlMs = config.ttlMs ?? DEFAULT_CARD_TTL_MS;
    this.now = config.now ?? Date.now;
  }

  /**
   * The person's card: the kept one at once when there is one, then the proxy's when the kept one
   * was stale and the proxy's differs. `undefined` means the proxy knows no such person.
   */
  card(userId: string): Observable<BusinessCard | undefined> {
    return new Observable<BusinessCard | undefined>((subscriber) => {
      const answer = (card: BusinessCard | null | undefined) => {
        subscriber.next(card ?? undefined);
        subscriber.complete();
      };
      if (!isValidUserId(userId)) return answer(undefined);
      // Most calls come while a page renders from memory: answer those without waiting a tick.
      const known = this.known(userId);
      if (known && this.isFresh(known)) return answer(known.card);
      this.config
        .cacheReady()
        .then(() => (subscriber.closed ? undefined : this.cardAfterCache(userId, subscriber)))
        .catch((error: unknown) => subscriber.error(error));
    });
  }

  known(userId: string): CardEntry | undefined {
    const mine = this.fetched.get(userId);
    const cached = this.config.cache()?.cardEntry(userId);
    if (!mine) return cached;
    return cached && cached.at > mine.at ? cached : mine;
  }

  /**
   * A cache opened after cards were fetched (a token's person is named only by the stream's hello,
   * often after the page's cards came back): keep them there too, for the next visit.
   */
  keepIn(cache: UserCache): void {
    for (const [userId, entry] of this.fetched) {
      const kept = cache.cardEntry(userId);
      if (!kept || kept.at < entry.at) cache.putCard(userId, entry.card, entry.at);
    }
  }

  /** Forget fetched cards (logout: the next user may see other people). */
  reset(): void {
    this.fetched.clear();
  }

  stop(): void {
    this.tick.cancel();
  }

  private async cardAfterCache(userId: string, subscriber: Subscriber<BusinessCard | undefined>) {
    const known = this.known(userId);
    if (known && this.isFresh(known)) {
      subscriber.next(known.card ?? undefined);
      subscriber.complete();
      return;
    }
    if (known) subscriber.next(known.card ?? undefined);
    let card: BusinessCard | null;
    try {
      card = await this.load(userId);
    } catch (error) {
      // With a kept card shown, a failed refresh is not worth an error.
      if (known) subscriber.complete();
      else subscriber.error(error);
      return;
    }
    if (!known || !sameCard(card, known.card)) subscriber.next(card ?? undefined);
    subscriber.complete();
  }

  private isFresh(entry: CardEntry): boolean {
    const ttl = entry.card ? this.ttlMs : Math.min(this.ttlMs, MISSING_CARD_TTL_MS);
    const age = this.now() - entry.at;
    return age >= 0 && age < ttl;
  }

  private load(userId: string): Promise<BusinessCard | null> {
    let promise = this.inflight.get(userId);
    if (!promise) {
      promise = new Promise((resolve, reject) => this.queued.set(userId, { resolve, reject }));
      this.inflight.set(userId, promise);
      this.tick.schedule();
    }
    return promise;
  }

  private flush(): void {
    const batch = this.queued;
    this.queued = new Map();
    const ids = [...batch.keys()];
    for (let start = 0; start < ids.length; start += CARD_IDS_PER_REQUEST) {
      void this.request(ids.slice(start, start + CARD_IDS_PER_REQUEST), batch);
    }
  }

  private async request(ids: string[], waiters: Map<string, Waiter>): Promise<void> {
    try {
      const cards = await this.config.fetchCards(ids);
      const byId = new Map(cards.map((card) => [card.id, card]));
      const at = this.now();
      const cache = this.config.cache();
      for (const id of ids) {
        const card = byId.get(id) ?? null;
        this.fetched.set(id, { card, at });
        cache?.putCard(id, card, at);
        this.inflight.delete(id);
        waiters.get(id)?.resolve(card);
      }
    } catch (error) {
      for (const id of ids) {
        this.inflight.delete(id);
        waiters.get(id)?.reject(error);
      }
    }
  }
}
