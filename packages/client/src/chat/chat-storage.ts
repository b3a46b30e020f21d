/**
 * Where chat keeps what must outlive a reload: the outbox (messages typed but not yet stored by the
 * proxy) and recent history (so a reloaded page shows the transcript at once). Each has a database
 * of its own per user (`st-<userId>-outbox`, `st-<userId>-history`): idb-keyval's `createStore`
 * cannot add a second store to an existing database, and a database per store makes "forget it all
 * at logout" a `deleteDatabase`.
 */
import { del, entries, get, set } from 'idb-keyval';
import { deleteDatabase } from '../photo-storage.ts';
import { type YieldingStore, yieldingStore } from './yielding-store.ts';

/** A message waiting to be stored by the proxy. */
export interface OutboxEntry {
  /** Made here; the proxy stores a message once per client id, so retries never duplicate it. */
  clientId: string;
  /** Where it goes: a conversation, or the 1:1 with a person (found or created when sending). */
  conversationId: string | undefined;
  peerId: string | undefined;
  text: string;
  /** When it was typed (epoch ms); entries are sent in this order. */
  queuedAt: number;
  /** Why the proxy refused it for good (then it waits for `retry` or `discard`). */
  failed: string | undefined;
}

export interface ChatStorageLike {
  outbox: {
    load(userId: string): Promise<OutboxEntry[]>;
    put(userId: string, entry: OutboxEntry): Promise<void>;
    remove(userId: string, clientId: string): Promise<void>;
  };
  history: {
    get(userId: string, key: string): Promise<unknown>;
    put(userId: string, key: string, value: unknown): Promise<void>;
  };
  /** Forget everything kept for this user (logout). */
  drop(userId: string): Promise<void>;
}

export const outboxDatabaseName = (userId: string) => `st-${userId}-outbox`;
export const historyDatabaseName = (userId: string) => `st-${userId}-history`;

export function isOutboxEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
  return (
    typeof entry.clientId === 'string' &&
    typeof entry.text === 'string' &&
    typeof entry.queuedAt === 'number' &&
    optionalString(entry.conversationId) &&
    optionalString(entry.peerId) &&
    optionalString(entry.failed) &&
    (typeof entry.conversationId === 'string' || typeof entry.peerId === 'string')
  );
}

/** IndexedDB through idb-keyval. */
export function indexedDbChatStorage(): ChatStorageLike {
  const stores = new Map<string, YieldingStore>();
  const storeOf = (database: string, store: string) => {
    let found = stores.get(database);
    if (!found) {
      found = yieldingStore(database, store);
      stores.set(database, found);
    }
    return found.use;
  };
  const outbox = (userId: string) => storeOf(outboxDatabaseName(userId), 'outbox');
  const history = (userId: string) => storeOf(historyDatabaseName(userId), 'history');
  const forget = async (database: string) => {
    stores.get(database)?.close();
    stores.delete(database);
    await deleteDatabase(database);
  };
  return {
    outbox: {
      load: async (userId) => (await entries(outbox(userId))).map(([, value]) => value).filter(isOutboxEntry),
      put: (userId, entry) => set(entry.clientId, entry, outbox(userId)),
      remove: (userId, clientId) => del(clientId, outbox(userId)),
    },
    history: {
      get: (userId, key) => get(key, history(userId)),
      put: (userId, key, value) => set(key, value, history(userId)),
    },
    async drop(userId) {
      await Promise.all([forget(outboxDatabaseName(userId)), forget(historyDatabaseName(userId))]);
    },
  };
}

/** Kept in memory for the client's lifetime: Node, tests, or pages that must leave nothing behind. */
export function memoryChatStorage(): ChatStorageLike {
  const outboxes = new Map<string, Map<string, OutboxEntry>>();
  const histories = new Map<string, Map<string, unknown>>();
  const of = <T>(maps: Map<string, Map<string, T>>, userId: string): Map<string, T> => {
    let map = maps.get(userId);
    if (!map) {
      map = new Map();
      maps.set(userId, map);
    }
    return map;
  };
  return {
    outbox: {
      load: async (userId) => [...of(outboxes, userId).values()].map((e) => structuredClone(e)),
      put: async (userId, entry) => void of(outboxes, userId).set(entry.clientId, structuredClone(entry)),
      remove: async (userId, clientId) => void of(outboxes, userId).delete(clientId),
    },
    history: {
      get: async (userId, key) => structuredClone(of(histories, userId).get(key)),
      put: async (userId, key, value) => void of(histories, userId).set(key, structuredClone(value)),
    },
    drop: async (userId) => {
      outboxes.delete(userId);
      histories.delete(userId);
    },
  };
}

/** IndexedDB where it exists, else memory. Decided when first needed, never at import. */
export function defaultChatStorage(): ChatStorageLike {
  return typeof indexedDB === 'undefined' ? memoryChatStorage() : indexedDbChatStorage();
}
