import 'fake-indexeddb/auto';
import type { BusinessCard, Presence } from '@st/protocol/core';
import { describe, expect, it } from 'vitest';
import {
  type CacheStorageLike,
  cacheDatabaseName,
  indexedDbStorage,
  memoryStorage,
} from './cache-storage.ts';
import { UserCache } from './user-cache.ts';

const bob: Presence = { userId: 'bob', status: 'away', message: 'lunch', mobile: false };
const bobCard: BusinessCard = { id: 'bob', displayName: 'Bob Baker', title: 'Engineer', hasPhoto: true };

async function databaseNames(): Promise<string[]> {
  const list = await indexedDB.databases();
  return list.map((d) => d.name ?? '');
}

describe('UserCache over IndexedDB', () => {
  it('keeps presence and cards for the next visit, in a database of the user', async () => {
    const storage = indexedDbStorage();
    const first = new UserCache(storage, 'alice-1', 0);
    await first.ready;
    first.putPresence(bob);
    first.putCard('bob', bobCard, 1234);
    first.putCard('nobody', null, 1234);
    await first.flush();
    expect(await databaseNames()).toContain(cacheDatabaseName('alice-1'));

    const next = new UserCache(indexedDbStorage(), 'alice-1');
    await next.ready;
    expect(next.presence('bob')).toEqual(bob);
    expect(next.cardEntry('bob')).toEqual({ card: bobCard, at: 1234 });
    expect(next.cardEntry('nobody')).toEqual({ card: null, at: 1234 });
    expect([...next.allPresences()]).toEqual([bob]);
  });

  it('keeps users apart', async () => {
    const storage = indexedDbStorage();
    const alice = new UserCache(storage, 'alice-2');
    alice.putPresence(bob);
    await alice.flush();
    const carol = new UserCache(storage, 'carol-2');
    await carol.ready;
    expect(carol.presence('bob')).toBeUndefined();
  });

  it('writes a burst in one batch', async () => {
    const saves: number[] = [];
    const inner = memoryStorage();
    const counting: CacheStorageLike = {
      load: (u) => inner.load(u),
      save: (u, entries) => {
        saves.push(entries.length);
        return inner.save(u, entries);
      },
      drop: (u) => inner.drop(u),
    };
    const cache = new UserCache(counting, 'alice-3', 10);
    for (let i = 0; i < 500; i++) cache.putPresence({ ...bob, userId: `u${i}` });
    await expect.poll(() => saves).toEqual([500]);
  });

  it('clears and deletes the database on drop', async () => {
    const storage = indexedDbStorage();
    const cache = new UserCache(storage, 'alice-4');
    cache.putPresence(bob);
    await cache.flush();
    await cache.drop();
    expect(await databaseNames()).not.toContain(cacheDatabaseName('alice-4'));
    expect(cache.presence('bob')).toBeUndefined();
    const again = new UserCache(indexedDbStorage(), 'alice-4');
    await again.ready;
    expect(again.presence('bob')).toBeUndefined();
  });

  it('skips stored values that do not fit', async () => {
    const storage = memoryStorage();
    await storage.save('alice-5', [
      ['presence:bob', { userId: 'bob', status: 'sleeping' }],
      ['card:carol', { id: 'carol' }],
      ['card:erin', { card: { id: 'erin' }, at: 5 }],
      ['card:frank', { card: bobCard }],
      ['card:bob', bobCard],
      ['presence:dave', { userId: 'dave', status: 'dnd', message: '', mobile: true }],
    ]);
    const cache = new UserCache(storage, 'alice-5');
    await cache.ready;
    expect(cache.presence('bob')).toBeUndefined();
    expect(cache.cardEntry('carol')).toBeUndefined();
    expect(cache.cardEntry('erin')).toBeUndefined();
    expect(cache.cardEntry('frank')).toBeUndefined();
    // A card kept without a time by an older SDK is used, as one due for a refresh.
    expect(cache.cardEntry('bob')).toEqual({ card: bobCard, at: 0 });
    expect(cache.presence('dave')?.status).toBe('dnd');
  });

  it('never fails when storage does', async () => {
    const broken: CacheStorageLike = {
      load: () => Promise.reject(new Error('quota')),
      save: () => {
        throw new Error('quota');
      },
      drop: () => Promise.reject(new Error('gone')),
    };
    const cache = new UserCache(broken, 'alice-6', 0);
    await cache.ready;
    cache.putPresence(bob);
    await cache.flush();
    expect(cache.presence('bob')).toEqual(bob);
    await cache.drop();

    const failingSave: CacheStorageLike = { ...memoryStorage(), save: () => Promise.reject(new Error('x')) };
    const second = new UserCache(failingSave, 'alice-7', 0);
    second.putCard('bob', bobCard, 1);
    await expect(second.flush()).resolves.toBeUndefined();
  });
});
