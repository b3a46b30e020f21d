import 'fake-indexeddb/auto';
import { resolveObjectURL } from 'node:buffer';
import type { BusinessCard } from '@st/protocol/core';
import { type Observable, of, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { indexedDbStorage, memoryStorage } from './cache-storage.ts';
import type { BytesAnswer } from './http.ts';
import { DEFAULT_PHOTO_TTL_MS, PhotoLoader } from './photo-loader.ts';
import { photoDatabaseName } from './photo-storage.ts';
import { UserCache } from './user-cache.ts';

const encode = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

/** A photo server that honours If-None-Match, and counts what it sends. */
function photoServer() {
  const photos = new Map<string, { etag: string; svg: string }>([
    ['bob', { etag: '"b1"', svg: '<svg id="bob-1"/>' }],
  ]);
  const asked: { id: string; etag: string | undefined }[] = [];
  let bytesSent = 0;
  let down = false;
  const fetchPhoto = async (id: string, etag: string | undefined): Promise<BytesAnswer> => {
    asked.push({ id, etag });
    if (down) throw new Error('offline');
    const photo = photos.get(id);
    if (!photo) return { status: 404, etag: '', contentType: '', bytes: null };
    if (etag === photo.etag) return { status: 304, etag: photo.etag, contentType: '', bytes: null };
    bytesSent += photo.svg.length;
    return { status: 200, etag: photo.etag, contentType: 'image/svg+xml', bytes: encode(photo.svg) };
  };
  return {
    photos,
    asked,
    fetchPhoto,
    get bytesSent() {
      return bytesSent;
    },
    setDown(on: boolean) {
      down = on;
    },
  };
}

const cards: Record<string, BusinessCard> = {
  bob: { id: 'bob', displayName: 'Bob', hasPhoto: true },
  carol: { id: 'carol', displayName: 'Carol', hasPhoto: false },
  dave: { id: 'dave', displayName: 'Dave', hasPhoto: true },
};

function loader(
  server: ReturnType<typeof photoServer>,
  cache: UserCache | undefined,
  clock = { now: 1_000 },
  card: (id: string) => Observable<BusinessCard | undefined> = (id) => of(cards[id]),
) {
  return new PhotoLoader({
    fetchPhoto: server.fetchPhoto,
    card,
    cache: () => cache,
    cacheReady: async () => {
      await cache?.ready;
    },
    now: () => clock.now,
  });
}

async function text(url: string | undefined): Promise<string> {
  const blob = url ? resolveObjectURL(url) : undefined;
  if (!blob) throw new Error(`no blob behind ${url}`);
  return blob.text();
}

describe('PhotoLoader', () => {
  it('fetches a photo once and hands out one object URL for it', async () => {
    const server = photoServer();
    const photos = loader(server, undefined);
    const [a, b] = await Promise.all([photos.photoUrl('bob'), photos.photoUrl('bob')]);
    expect(a).toMatch(/^blob:/);
    expect(b).toBe(a);
    expect(await text(a)).toBe('<svg id="bob-1"/>');
    expect(resolveObjectURL(a!)?.type).toBe('image/svg+xml');
    expect(await photos.photoUrl('bob')).toBe(a);
    expect(server.asked).toEqual([{ id: 'bob', etag: undefined }]);
  });

  it('on the next visit shows the kept photo without asking, then revalidates it when stale', async () => {
    const server = photoServer();
    const clock = { now: 1_000 };
    await loader(server, new UserCache(indexedDbStorage(), 'photo-1'), clock).photoUrl('bob');
    const sentOnFirstVisit = server.bytesSent;

    clock.now += DEFAULT_PHOTO_TTL_MS - 1;
    const second = loader(server, new UserCache(indexedDbStorage(), 'photo-1'), clock);
    expect(await text(await second.photoUrl('bob'))).toBe('<svg id="bob-1"/>');
    expect(server.asked).toHaveLength(1);

    clock.now += 1;
    const third = loader(server, new UserCache(indexedDbStorage(), 'photo-1'), clock);
    expect(await text(await third.photoUrl('bob'))).toBe('<svg id="bob-1"/>');
    expect(server.asked.at(-1)).toEqual({ id: 'bob', etag: '"b1"' });
    expect(server.bytesSent).toBe(sentOnFirstVisit);

    // The 304 counts as a check: the next visit within the time to live asks nothing again.
    const fourth = loader(server, new UserCache(indexedDbStorage(), 'photo-1'), clock);
    await fourth.photoUrl('bob');
    expect(server.asked).toHaveLength(2);
  });

  it('takes a changed photo when revalidation finds one', async () => {
    const server = photoServer();
    const clock = { now: 0 };
    const storage = memoryStorage();
    await loader(server, new UserCache(storage, 'photo-2'), clock).photoUrl('bob');
    server.photos.set('bob', { etag: '"b2"', svg: '<svg id="bob-2"/>' });
    clock.now += DEFAULT_PHOTO_TTL_MS;
    const next = loader(server, new UserCache(storage, 'photo-2'), clock);
    expect(await text(await next.photoUrl('bob'))).toBe('<svg id="bob-2"/>');
    const again = loader(server, new UserCache(storage, 'photo-2'), clock);
    expect(await text(await again.photoUrl('bob'))).toBe('<svg id="bob-2"/>');
    expect(server.asked).toHaveLength(2);
  });

  it('asks nothing for a person whose card says there is no photo, or who does not exist', async () => {
    const server = photoServer();
    const photos = loader(server, undefined);
    expect(await photos.photoUrl('carol')).toBeUndefined();
    expect(await photos.photoUrl('nobody')).toBeUndefined();
    expect(await photos.photoUrl('not,an,id')).toBeUndefined();
    expect(server.asked).toEqual([]);
  });

  it('remembers a 404 until it is stale', async () => {
    const server = photoServer();
    const clock = { now: 0 };
    const storage = memoryStorage();
    expect(await loader(server, new UserCache(storage, 'photo-3'), clock).photoUrl('dave')).toBeUndefined();
    expect(await loader(server, new UserCache(storage, 'photo-3'), clock).photoUrl('dave')).toBeUndefined();
    expect(server.asked).toHaveLength(1);
    clock.now += DEFAULT_PHOTO_TTL_MS;
    server.photos.set('dave', { etag: '"d1"', svg: '<svg id="dave"/>' });
    expect(await text(await loader(server, new UserCache(storage, 'photo-3'), clock).photoUrl('dave'))).toBe(
      '<svg id="dave"/>',
    );
  });

  it('shows a stale photo when the proxy cannot be reached, and fails without one', async () => {
    const server = photoServer();
    const clock = { now: 0 };
    const storage = memoryStorage();
    await loader(server, new UserCache(storage, 'photo-4'), clock).photoUrl('bob');
    clock.now += DEFAULT_PHOTO_TTL_MS * 2;
    server.setDown(true);
    const offline = loader(server, new UserCache(storage, 'photo-4'), clock);
    expect(await text(await offline.photoUrl('bob'))).toBe('<svg id="bob-1"/>');
    await expect(loader(server, undefined, clock).photoUrl('bob')).rejects.toThrow('offline');
  });

  it('still tries the photo when the card cannot be had', async () => {
    const server = photoServer();
    const photos = loader(server, undefined, undefined, () => throwError(() => new Error('no cards')));
    expect(await photos.photoUrl('bob')).toMatch(/^blob:/);
  });

  it('revokes its URLs on reset, and the database goes with the cache on drop', async () => {
    const server = photoServer();
    const cache = new UserCache(indexedDbStorage(), 'photo-5', 0);
    const photos = loader(server, cache);
    const url = await photos.photoUrl('bob');
    expect(resolveObjectURL(url!)).toBeDefined();
    photos.reset();
    expect(resolveObjectURL(url!)).toBeUndefined();
    // The bytes were kept in their own database, which the logout deletes.
    const names = async () => (await indexedDB.databases()).map((d) => d.name);
    await expect.poll(names).toContain(photoDatabaseName('photo-5'));
    await cache.drop();
    expect(await names()).not.toContain(photoDatabaseName('photo-5'));
  });
});
