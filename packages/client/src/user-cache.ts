/**
 * The signed-in user's cache: read once into memory when the user is known, so lookups are
 * synchronous; writes are collected and saved together. Any storage failure turns the cache off
 * quietly: it is an optimisation, never a reason for the client to fail.
 */
import { type BusinessCard, isPresence, type Presence } from '@st/protocol/core';
import type { CacheEntry, CacheStorageLike } from './cache-storage.ts';
import { isBusinessCard } from './response-shapes.ts';

/** Writes are saved at most this often; a burst of presence for a whole page is one write. */
export const CACHE_FLUSH_DELAY_MS = 500;

const PRESENCE_PREFIX = 'presence:';
const CARD_PREFIX = 'card:';

export class UserCache {
  readonly ready: Promise<void>;
  private readonly presences = new Map<string, Presence>();
  private readonly cards = new Map<string, BusinessCard>();
  private readonly pending = new Map<string, unknown>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private broken = false;

  constructor(
    private readonly storage: CacheStorageLike,
    readonly userId: string,
    private readonly flushDelayMs = CACHE_FLUSH_DELAY_MS,
  ) {
    this.ready = this.load();
  }

  presence(userId: string): Presence | undefined {
    return this.presences.get(userId);
  }

  allPresences(): IterableIterator<Presence> {
    return this.presences.values();
  }

  card(userId: string): BusinessCard | undefined {
    return this.cards.get(userId);
  }

  putPresence(presence: Presence): void {
    this.presences.set(presence.userId, presence);
    this.queue(PRESENCE_PREFIX + presence.userId, presence);
  }

  putCard(card: BusinessCard): void {
    this.cards.set(card.id, card);
    this.queue(CARD_PREFIX + card.id, card);
  }

  /** Save what is pending now. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.broken || this.pending.size === 0) return;
    const batch: CacheEntry[] = [...this.pending];
    this.pending.clear();
    try {
      await this.storage.save(this.userId, batch);
    } catch {
      this.broken = true;
    }
  }

  /** Forget everything, here and in storage (logout). */
  async drop(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.broken = true;
    this.pending.clear();
    this.presences.clear();
    this.cards.clear();
    try {
      await this.ready;
      await this.storage.drop(this.userId);
    } catch {
      // Nothing more can be done; the next login starts from whatever is left.
    }
  }

  private queue(key: string, value: unknown): void {
    if (this.broken) return;
    this.pending.set(key, value);
    this.timer ??= setTimeout(() => void this.flush(), this.flushDelayMs);
  }

  private async load(): Promise<void> {
    let stored: CacheEntry[];
    try {
      stored = await this.storage.load(this.userId);
    } catch {
      this.broken = true;
      return;
    }
    for (const [key, value] of stored) {
      if (typeof key !== 'string') continue;
      // Values written by another version of the SDK may not fit: skip them.
      if (key.startsWith(PRESENCE_PREFIX)) {
        if (isPresence(value) && !this.presences.has(value.userId)) this.presences.set(value.userId, value);
      } else if (key.startsWith(CARD_PREFIX)) {
        if (isBusinessCard(value) && !this.cards.has(value.id)) this.cards.set(value.id, value);
      }
    }
  }
}
