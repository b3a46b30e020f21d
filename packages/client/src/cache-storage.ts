/**
 * Where the SDK keeps last-known presence and business cards so names render at once on the next
 * visit. One IndexedDB database per signed-in user (`st-<userId>`, store `cache`): idb-keyval's
 * `createStore` cannot add a second store to an existing database, and one database per user makes
 * "forget everything on logout" a single `deleteDatabase`.
 */
import { clear, createStore, entries, setMany, type UseStore } from 'idb-keyval';

export type CacheEntry = [key: string, value: unknown];

export interface CacheStorageLike {
  /** Every entry kept for this user. */
  load(userId: string): Promise<CacheEntry[]>;
  /** Add or replace entries, in one write. */
  save(userId: string, entries: CacheEntry[]): Promise<void>;
  /** Forget everything kept for this user. */
  drop(userId: string): Promise<void>;
}

export function cacheDatabaseName(userId: string): string {
  return `st-${userId}`;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // `blocked` means another tab still has it open; the deletion completes when it lets go.
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** IndexedDB through idb-keyval. */
export function indexedDbStorage(): CacheStorageLike {
  const stores = new Map<string, UseStore>();
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
    async drop(userId) {
      const store = storeFor(userId);
      stores.delete(userId);
      try {
        await clear(store);
        // The open connection would block the deletion: close it first.
        await store('readonly', (objectStore) => objectStore.transaction.db.close());
      } finally {
        await deleteDatabase(cacheDatabaseName(userId));
      }
    },
  };
}

/** Kept in memory only: for Node, tests, or pages that must leave nothing behind. */
export function memoryStorage(): CacheStorageLike {
  const users = new Map<string, Map<string, unknown>>();
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
    drop: async (userId) => {
      users.delete(userId);
    },
  };
}

/** The default: IndexedDB where it exists, else nothing. Decided when first needed, never at import. */
export function defaultStorage(): CacheStorageLike | undefined {
  return typeof indexedDB === 'undefined' ? undefined : indexedDbStorage();
}
