/**
 * Where the SDK keeps last-known presence, business cards and photos so names and cards render at
 * once on the next visit. One IndexedDB database per signed-in user (`st-<userId>`, store `cache`):
 * idb-keyval's `createStore` cannot add a second store to an existing database, and one database
 * per user makes "forget everything on logout" a `deleteDatabase`. Photos have a database of their
 * own (`st-<userId> photos`), read one entry at a time (see photo-storage.ts).
 */
import { clear, createStore, entries, setMany, type UseStore } from 'idb-keyval';
import {
  closeStore,
  deleteDatabase,
  indexedDbPhotoStorage,
  memoryPhotoStorage,
  type PhotoStorageLike,
} from './photo-storage.ts';

export type CacheEntry = [key: string, value: unknown];

export interface CacheStorageLike {
  /** Every entry kept for this user. */
  load(userId: string): Promise<CacheEntry[]>;
  /** Add or replace entries, in one write. */
  save(userId: string, entries: CacheEntry[]): Promise<void>;
  /** Forget everything kept for this user, photos included. */
  drop(userId: string): Promise<void>;
  /** Where photos are kept; without it they are kept in memory for the client's lifetime only. */
  photos?: PhotoStorageLike;
}

export function cacheDatabaseName(userId: string): string {
  return `st-${userId}`;
}

/** IndexedDB through idb-keyval. */
export function indexedDbStorage(): CacheStorageLike {
  const stores = new Map<string, UseStore>();
  const photos = indexedDbPhotoStorage();
  const storeFor = (userId: string): UseStore => {
    let store = stores.get(userId);
    if (!store) {
      store = createStore(cacheDatabaseName(userId), 'cache');
      stores.set(userId, store);
    }
    return store;
  };
  return {
    load: (userId) => entries(storeFor(userId)) as Promise<CacheEntry[]>,
    save: (userId, list) => setMany(list, storeFor(userId)),
    photos,
    async drop(userId) {
      const store = storeFor(userId);
      stores.delete(userId);
      try {
        await clear(store);
        // The open connection would block the deletion: close it first.
        await closeStore(store);
      } finally {
        await deleteDatabase(cacheDatabaseName(userId));
        await photos.drop(userId);
      }
    },
  };
}

/** Kept in memory only: for Node, tests, or pages that must leave nothing behind. */
export function memoryStorage(): CacheStorageLike {
  const users = new Map<string, Map<string, unknown>>();
  const photos = memoryPhotoStorage();
  const of = (userId: string) => {
    let map = users.get(userId);
    if (!map) {
      map = new Map();
      users.set(userId, map);
    }
    return map;
  };
  return {
    load: async (userId) => [...of(userId)],
    save: async (userId, list) => {
      const map = of(userId);
      for (const [key, value] of list) map.set(key, structuredClone(value));
    },
    photos,
    drop: async (userId) => {
      users.delete(userId);
      await photos.drop(userId);
    },
  };
}

/** The default: IndexedDB where it exists, else nothing. Decided when first needed, never at import. */
export function defaultStorage(): CacheStorageLike | undefined {
  return typeof indexedDB === 'undefined' ? undefined : indexedDbStorage();
}
