/**
 * Photos as object URLs. The bytes are fetched with the client's own credentials (an `<img src>`
 * on another origin could send neither the Bearer header nor, cross-site, the cookie), kept with
 * their ETag, and revalidated with `If-None-Match` once they are older than their time to live,
 * so a second visit shows every photo without transferring its bytes again. A person without a
 * photo (the card says so, or the proxy answered 404) costs no request until that is stale too.
 */
import type { BusinessCard } from '@st/protocol/core';
import { firstValueFrom, type Observable } from 'rxjs';
import type { BytesAnswer } from './http.ts';
import type { PhotoEntry } from './photo-storage.ts';
import { isValidUserId } from './presence-hub.ts';
import type { UserCache } from './user-cache.ts';

/** How long a kept photo is shown without asking the proxy whether it changed (default). */
export const DEFAULT_PHOTO_TTL_MS = 60 * 60 * 1000;

export interface PhotoLoaderConfig {
  /** `GET /api/v1/users/{id}/photo`, conditional when an ETag is given. */
  fetchPhoto(userId: string, etag: string | undefined): Promise<BytesAnswer>;
  card(userId: string): Observable<BusinessCard | undefined>;
  cache(): UserCache | undefined;
  cacheReady(): Promise<void>;
  ttlMs?: number;
  now?: () => number;
}

/** Whether the card rules a photo out (no such person, or `hasPhoto: false`); unknown on failure. */
type CardSays = 'photo' | 'no-photo' | 'unknown';

export class PhotoLoader {
  /** Object URLs made by this client, by person: one each, revoked on reset. */
  private readonly urls = new Map<string, string>();
  /** Entries kept in memory when there is no photo storage (Node, `storage: false`). */
  private readonly memory = new Map<string, PhotoEntry>();
  private readonly inflight = new Map<string, Promise<string | undefined>>();
  /** Bumped on reset, so an answer that arrives after a logout is not shown or kept. */
  private generation = 0;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly config: PhotoLoaderConfig) {
    this.ttlMs = config.ttlMs ?? DEFAULT_PHOTO_TTL_MS;
    this.now = config.now ?? Date.now;
  }

  /** An object URL of the person's photo, or `undefined` when they have none (or do not exist). */
  photoUrl(userId: string): Promise<string | undefined> {
    if (!isValidUserId(userId)) return Promise.resolve(undefined);
    const made = this.urls.get(userId);
    if (made) return Promise.resolve(made);
    let pending = this.inflight.get(userId);
    if (!pending) {
      const generation = this.generation;
      pending = this.resolve(userId, generation).finally(() => {
        if (this.inflight.get(userId) === pending) this.inflight.delete(userId);
      });
      this.inflight.set(userId, pending);
    }
    return pending;
  }

  /** Revoke every URL and forget what is in memory (logout, another user, close). */
  reset(): void {
    this.generation++;
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
    this.memory.clear();
    this.inflight.clear();
  }

  private async resolve(userId: string, generation: number): Promise<string | undefined> {
    if ((await this.cardSays(userId)) === 'no-photo') return undefined;
    await this.config.cacheReady();
    const kept = await this.kept(userId);
    if (kept && this.isFresh(kept)) return this.publish(userId, kept, generation);

    let answer: BytesAnswer;
    try {
      answer = await this.config.fetchPhoto(userId, kept?.bytes ? kept.etag || undefined : undefined);
      // A 304 for bytes no longer kept (storage cleared meanwhile): ask for the bytes themselves.
      if (answer.status === 304 && !kept?.bytes) answer = await this.config.fetchPhoto(userId, undefined);
    } catch (error) {
      // Offline or a failing proxy: a photo seen before is still the best there is.
      if (kept) return this.publish(userId, kept, generation);
      throw error;
    }
    if (generation !== this.generation) return undefined;
    const entry = this.entryFrom(answer, kept);
    this.keep(userId, entry);
    return this.publish(userId, entry, generation);
  }

  private async cardSays(userId: string): Promise<CardSays> {
    try {
      const card = await firstValueFrom(this.config.card(userId), { defaultValue: undefined });
      return card?.hasPhoto ? 'photo' : 'no-photo';
    } catch {
      return 'unknown';
    }
  }

  private entryFrom(answer: BytesAnswer, kept: PhotoEntry | undefined): PhotoEntry {
    const checkedAt = this.now();
    if (answer.status === 304 && kept) return { ...kept, checkedAt };
    if (answer.status === 200 && answer.bytes) {
      return { etag: answer.etag, type: answer.contentType, bytes: answer.bytes, checkedAt };
    }
    return { etag: null, type: '', bytes: null, checkedAt };
  }

  private async kept(userId: string): Promise<PhotoEntry | undefined> {
    const cache = this.config.cache();
    return cache?.keepsPhotos ? cache.photo(userId) : this.memory.get(userId);
  }

  private keep(userId: string, entry: PhotoEntry): void {
    const cache = this.config.cache();
    if (cache?.keepsPhotos) cache.putPhoto(userId, entry);
    else this.memory.set(userId, entry);
  }

  private isFresh(entry: PhotoEntry): boolean {
    const age = this.now() - entry.checkedAt;
    return age >= 0 && age < this.ttlMs;
  }

  private publish(userId: string, entry: PhotoEntry, generation: number): string | undefined {
    if (!entry.bytes || generation !== this.generation) return undefined;
    const made = this.urls.get(userId);
    if (made) return made;
    const url = URL.createObjectURL(new Blob([entry.bytes], { type: entry.type }));
    this.urls.set(userId, url);
    return url;
  }
}
