/**
 * The signed-in user's cache: read once into memory when the user is known, so lookups are
 * synchronous; writes are collected and saved together. Photos are the exception: read one at a
 * time from storage of their own. Any storage failure turns the cache off quietly: it is an
 * optimisation, never a reason for the client to fail.
 */
import { type BusinessCard, isPresence, type Presence } from '@st/protocol/core';
import type { CacheEntry, CacheStorageLike } from './cache-storage.ts';
import { isPhotoEntry, type PhotoEntry } from './photo-storage.ts';
import { isBusinessCard } from './response-shapes.ts';

/** A card as fetched, and when: `card` is null when the proxy knows no such person. */
export interface CardEntry {
  card: BusinessCard | null;
  /** When the proxy answered (epoch ms). */
  at: number;
}

function readCardEntry(value: unknown): CardEntry | undefined {
  // A card kept by an SDK that stored no time: usable, but due for a refresh.
  if (isBusinessCard(value)) return { card: value, at: 0 };
  if (typeof value !== 'object' || value === null) return undefined;
  const { card, at } = value as Record<string, unknown>;
  if (typeof at !== 'number' || !(card === null || isBusinessCard(card))) return undefined;
  return { card, at };
}

/** Writes are saved at most this often; a burst of presence for a whole page is one write. */
export const CACHE_FLUSH_DELAY_MS = 500;

const PRESENCE_PREFIX = 'presence:';
const CARD_PREFIX = 'card:';

export class UserCache {
  readonly ready: Promise<void>;
  private readonly presences = new Map<string, Presence>();
  private readonly cards = new Map<string, CardEntry>();
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

  /** The card last fetched for a person (also "no such person"), with its time. */
  cardEntry(userId: string): CardEntry | undefined {
    return this.cards.get(userId);
  }

  putPresence(presence: Presence): void {
    this.presences.set(presence.userId, presence);
    this.queue(PRESENCE_PREFIX + presence.userId, presence);
  }

  putCard(userId: string, card: BusinessCard | null, at: number): void {
    const entry: CardEntry = { card, at };
    this.cards.set(userId, entry);
    this.queue(CARD_PREFIX + userId, entry);
  }

  /** Whether photos are kept in storage (else the caller keeps them for the client's lifetime). */
  get keepsPhotos(): boolean {
    return this.storage.photos !== undefined && !this.broken;
  }

  /** The photo kept for a person, if any (read from storage: photos are not held in memory). */
  async photo(personId: string): Promise<PhotoEntry | undefined> {
    const photos = this.storage.photos;
    if (this.broken || !photos) return undefined;
    try {
      await this.ready;
      const entry = await photos.get(this.userId, personId);
      return isPhotoEntry(entry) ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  putPhoto(personId: string, entry: PhotoEntry): void {
    const photos = this.storage.photos;
    if (this.broken || !photos) return;
    photos.put(this.userId, personId, entry).catch(() => {
      // A full disk only costs a download next time.
    });
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
        const id = key.slice(CARD_PREFIX.length);
        const entry = readCardEntry(value);
        if (entry && !this.cards.has(id)) this.cards.set(id, entry);
      }
    }
  }
}
