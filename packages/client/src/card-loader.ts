/**
 * Business cards, batched: every `card(id)` asked for in one macrotask becomes one
 * `GET /api/v1/users?ids=` per 100 ids. A card is fetched once per client; a cached card is shown
 * at once and replaced if the fresh one differs.
 */
import type { BusinessCard } from '@st/protocol/core';
import { catchError, concat, defer, EMPTY, filter, from, map, type Observable, of } from 'rxjs';
import { isValidUserId } from './presence-hub.ts';
import { TickBatcher } from './tick.ts';
import type { UserCache } from './user-cache.ts';

/** Ids per request: keeps the URL short enough for every proxy and gateway in between. */
export const CARD_IDS_PER_REQUEST = 100;

interface Waiter {
  resolve(card: BusinessCard | null): void;
  reject(error: unknown): void;
}

export class CardLoader {
  /** `null`: the proxy has no such person. */
  private readonly fetched = new Map<string, BusinessCard | null>();
  private readonly inflight = new Map<string, Promise<BusinessCard | null>>();
  private queued = new Map<string, Waiter>();
  private readonly tick = new TickBatcher(() => this.flush());

  constructor(
    private readonly fetchCards: (ids: string[]) => Promise<BusinessCard[]>,
    private readonly cache: () => UserCache | undefined,
  ) {}

  card(userId: string): Observable<BusinessCard | undefined> {
    return defer(() => {
      if (!isValidUserId(userId)) return of(undefined);
      const fetched = this.fetched.get(userId);
      if (fetched !== undefined) return of(fetched ?? undefined);
      const fresh$ = from(this.load(userId)).pipe(map((card) => card ?? undefined));
      const cached = this.cache()?.card(userId);
      if (!cached) return fresh$;
      // With a cached card to show, a failed refresh is not worth an error.
      return concat(
        of(cached),
        fresh$.pipe(
          filter((card) => JSON.stringify(card) !== JSON.stringify(cached)),
          catchError(() => EMPTY),
        ),
      );
    });
  }

  /** Forget fetched cards (logout: the next user may see other people). */
  reset(): void {
    this.fetched.clear();
  }

  stop(): void {
    this.tick.cancel();
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
      const cards = await this.fetchCards(ids);
      const byId = new Map(cards.map((card) => [card.id, card]));
      for (const id of ids) {
        const card = byId.get(id) ?? null;
        this.fetched.set(id, card);
        if (card) this.cache()?.putCard(card);
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
