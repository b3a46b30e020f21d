import 'fake-indexeddb/auto';
import type { BusinessCard } from '@st/protocol/core';
import { firstValueFrom, type Observable, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { indexedDbStorage } from './cache-storage.ts';
import { CardLoader, DEFAULT_CARD_TTL_MS, MISSING_CARD_TTL_MS } from './card-loader.ts';
import { UserCache } from './user-cache.ts';

const bob: BusinessCard = { id: 'bob', displayName: 'Bob Brown', title: 'Engineer', hasPhoto: true };
const carol: BusinessCard = { id: 'carol', displayName: 'Carol', hasPhoto: false };

/** A directory behind a fake `fetchCards` that records every batch it is asked for. */
function directory(people: BusinessCard[]) {
  const byId = new Map(people.map((p) => [p.id, p]));
  const batches: string[][] = [];
  let failing = false;
  return {
    batches,
    byId,
    fail(on: boolean) {
      failing = on;
    },
    fetchCards: async (ids: string[]) => {
      batches.push(ids);
      if (failing) throw new Error('the proxy is down');
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
  };
}

function loader(dir: ReturnType<typeof directory>, cache?: UserCache, clock = { now: 1_000_000 }) {
  return new CardLoader({
    fetchCards: dir.fetchCards,
    cache: () => cache,
    cacheReady: async () => {
      await cache?.ready;
    },
    now: () => clock.now,
  });
}

const all = <T>(source: Observable<T>) => firstValueFrom(source.pipe(toArray()));

describe('CardLoader', () => {
  it('asks for everyone of one tick in one batch, then answers from memory while fresh', async () => {
    const dir = directory([bob, carol]);
    const cards = loader(dir);
    const [b, c, nobody] = await Promise.all(['bob', 'carol', 'nobody'].map((id) => all(cards.card(id))));
    expect(b).toEqual([bob]);
    expect(c).toEqual([carol]);
    expect(nobody).toEqual([undefined]);
    expect(dir.batches).toEqual([['bob', 'carol', 'nobody']]);
    expect(await all(cards.card('bob'))).toEqual([bob]);
    expect(await all(cards.card('nobody'))).toEqual([undefined]);
    expect(dir.batches).toHaveLength(1);
  });

  it('shows the card kept by the last visit at once and asks nothing while it is fresh', async () => {
    const dir = directory([bob]);
    const clock = { now: 5_000_000 };
    const first = new UserCache(indexedDbStorage(), 'ttl-1', 0);
    await all(loader(dir, first, clock).card('bob'));
    await first.flush();

    clock.now += DEFAULT_CARD_TTL_MS - 1;
    const next = loader(dir, new UserCache(indexedDbStorage(), 'ttl-1'), clock);
    expect(await all(next.card('bob'))).toEqual([bob]);
    expect(dir.batches).toHaveLength(1);
  });

  it('shows a stale card at once and the refreshed one after it', async () => {
    const dir = directory([bob]);
    const clock = { now: 0 };
    const cache = new UserCache(indexedDbStorage(), 'ttl-2', 0);
    const cards = loader(dir, cache, clock);
    await all(cards.card('bob'));
    const promoted = { ...bob, title: 'Staff Engineer' };
    dir.byId.set('bob', promoted);

    clock.now += DEFAULT_CARD_TTL_MS;
    expect(await all(cards.card('bob'))).toEqual([bob, promoted]);
    expect(dir.batches).toHaveLength(2);
    // The refreshed card is kept with its new time: fresh again, and in the cache too.
    expect(await all(cards.card('bob'))).toEqual([promoted]);
    expect(cache.cardEntry('bob')).toEqual({ card: promoted, at: clock.now });
  });

  it('emits a stale card once when the refresh finds it unchanged or fails', async () => {
    const dir = directory([bob]);
    const clock = { now: 0 };
    const cards = loader(dir, undefined, clock);
    await all(cards.card('bob'));
    clock.now += DEFAULT_CARD_TTL_MS + 1;
    expect(await all(cards.card('bob'))).toEqual([bob]);
    expect(dir.batches).toHaveLength(2);

    clock.now += DEFAULT_CARD_TTL_MS + 1;
    dir.fail(true);
    expect(await all(cards.card('bob'))).toEqual([bob]);
    expect(dir.batches).toHaveLength(3);
  });

  it('fails with the error when there is nothing kept to show', async () => {
    const dir = directory([bob]);
    dir.fail(true);
    await expect(all(loader(dir).card('bob'))).rejects.toThrow('the proxy is down');
  });

  it('remembers "no such person" for at most an hour', async () => {
    const dir = directory([]);
    const clock = { now: 0 };
    const cards = loader(dir, undefined, clock);
    await all(cards.card('newhire'));
    clock.now += MISSING_CARD_TTL_MS - 1;
    await all(cards.card('newhire'));
    expect(dir.batches).toHaveLength(1);

    dir.byId.set('newhire', { id: 'newhire', displayName: 'New Hire', hasPhoto: false });
    clock.now += 1;
    expect(await all(cards.card('newhire'))).toEqual([undefined, dir.byId.get('newhire')]);
    expect(dir.batches).toHaveLength(2);
  });

  it('waits for the cache before deciding, so a page that renders early still uses it', async () => {
    const storage = indexedDbStorage();
    const earlier = new UserCache(storage, 'ttl-3', 0);
    earlier.putCard('bob', bob, 1_000);
    await earlier.flush();

    const dir = directory([bob]);
    const cache = new UserCache(storage, 'ttl-3');
    const cards = loader(dir, cache, { now: 2_000 });
    // Asked before the cache has been read from storage.
    expect(await all(cards.card('bob'))).toEqual([bob]);
    expect(dir.batches).toEqual([]);
  });

  it('keeps what it fetched before a cache opened in that cache, unless the cache has newer', async () => {
    const dir = directory([bob, carol]);
    const clock = { now: 3_000 };
    let cache: UserCache | undefined;
    const cards = new CardLoader({
      fetchCards: dir.fetchCards,
      cache: () => cache,
      cacheReady: async () => {},
      now: () => clock.now,
    });
    await Promise.all([all(cards.card('bob')), all(cards.card('carol')), all(cards.card('nobody'))]);
    cache = new UserCache(indexedDbStorage(), 'late-1', 0);
    await cache.ready;
    const newer = { ...carol, title: 'Director' };
    cache.putCard('carol', newer, 4_000);
    cards.keepIn(cache);
    expect(cache.cardEntry('bob')).toEqual({ card: bob, at: 3_000 });
    expect(cache.cardEntry('nobody')).toEqual({ card: null, at: 3_000 });
    expect(cache.cardEntry('carol')).toEqual({ card: newer, at: 4_000 });
  });

  it('answers undefined for what cannot be an id, without asking', async () => {
    const dir = directory([bob]);
    expect(await all(loader(dir).card('a,b'))).toEqual([undefined]);
    expect(dir.batches).toEqual([]);
  });
});
