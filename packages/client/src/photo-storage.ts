/**
 * Where photos are kept between visits: bytes with their ETag, one entry per person, read one at a
 * time. They live apart from the rest of the cache, which is read whole into memory at login: a
 * page of 2,000 names must not pull 2,000 photos into memory to show the first card.
 */
import { createStore, get, set, type UseStore } from 'idb-keyval';

/** A photo as last seen, or the proxy's word that there is none (`etag` and `bytes` null). */
export interface PhotoEntry {
  etag: string | null;
  /** The content type the proxy gave (`image/svg+xml`, `image/jpeg` ...); '' when none. */
  type: string;
  bytes: ArrayBuffer | null;
  /** When the proxy last confirmed this (epoch ms). */
  checkedAt: number;
}

export interface PhotoStorageLike {
  get(userId: string, personId: string): Promise<PhotoEntry | undefined>;
  put(userId: string, personId: string, entry: PhotoEntry): Promise<void>;
  /** Forget every photo kept for this user. */
  drop(userId: string): Promise<void>;
}

/** The photo database of a user. User ids hold no whitespace, so no user's cache can be named so. */
export function photoDatabaseName(userId: string): string {
  return `st-${userId} photos`;
}

/** Entries written by another version of the SDK (or damaged) are not used. */
export function isPhotoEntry(value: unknown): value is PhotoEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const none = entry.etag === null && entry.bytes === null;
  const some = typeof entry.etag === 'string' && entry.bytes instanceof ArrayBuffer;
  return (none || some) && typeof entry.type === 'string' && typeof entry.checkedAt === 'number';
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // `blocked` means another tab still has it open; the deletion completes when it lets go.
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Closes idb-keyval's connection to a store, which would otherwise block deleting its database. */
export async function closeStore(store: UseStore): Promise<void> {
  await store('readonly', (objectStore) => objectStore.transaction.db.close());
}

export function indexedDbPhotoStorage(): PhotoStorageLike {
  const stores = new Map<string, UseStore>();
  const storeFor = (userId: string): UseStore => {
    let store = stores.get(userId);
    if (!store) {
      store = createStore(photoDatabaseName(userId), 'photos');
      stores.set(userId, store);
    }
    return store;
  };
  return {
    get: (userId, personId) => get(personId, storeFor(userId)),
    put: (userId, personId, entry) => set(personId, entry, storeFor(userId)),
    async drop(userId) {
      const store = stores.get(userId);
      stores.delete(userId);
      try {
        if (store) await closeStore(store);
      } finally {
        await deleteDatabase(photoDatabaseName(userId));
      }
    },
  };
}

export function memoryPhotoStorage(): PhotoStorageLike {
  const users = new Map<string, Map<string, PhotoEntry>>();
  return {
    get: async (userId, personId) => {
      const entry = users.get(userId)?.get(personId);
      return entry && structuredClone(entry);
    },
    put: async (userId, personId, entry) => {
      const photos = users.get(userId) ?? new Map<string, PhotoEntry>();
      users.set(userId, photos);
      photos.set(personId, structuredClone(entry));
    },
    drop: async (userId) => {
      users.delete(userId);
    },
  };
}
