/**
 * Cards and photos against a real proxy: batching across callers, the cache across visits, photos
 * fetched with the client's own credentials (Bearer, or the cookie) and revalidated with ETags so a
 * second visit transfers no photo bytes, and everything forgotten on logout.
 */
import 'fake-indexeddb/auto';
import { resolveObjectURL } from 'node:buffer';
import type { BusinessCard } from '@st/protocol/core';
import { startTestProxy } from '@st/proxy/testing';
import { firstValueFrom, toArray } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CacheStorageLike, indexedDbStorage, memoryStorage } from './cache-storage.ts';
import { createClient } from './client.ts';
import { photoDatabaseName } from './photo-storage.ts';
import { cookieFetch, SocketLog } from './test-support.ts';
import type { ClientOptions, StClient } from './types.ts';

let proxy: Awaited<ReturnType<typeof startTestProxy>>;
const clients: StClient[] = [];

beforeAll(async () => {
  proxy = await startTestProxy();
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await proxy?.close();
});

interface Exchange {
  url: string;
  status: number;
  ifNoneMatch: string | null;
  authorization: string | null;
  bytes: number;
}

/** A `fetch` that records what each photo request sent and how many body bytes came back. */
function recordingFetch(inner: typeof fetch = fetch) {
  const exchanges: Exchange[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const response = await inner(input, init);
    const url = String(input);
    const headers = new Headers(init?.headers);
    const body = await response.clone().arrayBuffer();
    exchanges.push({
      url,
      status: response.status,
      ifNoneMatch: headers.get('if-none-match'),
      authorization: headers.get('authorization'),
      bytes: body.byteLength,
    });
    return response;
  };
  const photos = () => exchanges.filter((e) => e.url.includes('/photo'));
  const cards = () => exchanges.filter((e) => e.url.includes('/api/v1/users?ids='));
  return { fetch: wrapped, exchanges, photos, cards };
}

function visit(options: Partial<ClientOptions>) {
  const client = createClient({
    server: proxy.url,
    WebSocket: new SocketLog().ctor(),
    storage: false,
    ...options,
  });
  clients.push(client);
  return client;
}

const cardsOf = (client: StClient, id: string) =>
  firstValueFrom(client.card(id).pipe(toArray())) as Promise<(BusinessCard | undefined)[]>;

async function blobText(url: string | undefined): Promise<string> {
  const blob = url ? resolveObjectURL(url) : undefined;
  if (!blob) throw new Error(`no blob behind ${url}`);
  return blob.text();
}

describe('cards', () => {
  it('gives every field the directory has, and is served from the cache on the next visit', async () => {
    const storage = memoryStorage();
    const first = recordingFetch();
    const alice = visit({ storage, fetch: first.fetch });
    await alice.login('alice', 'demo');
    const [bob] = await cardsOf(alice, 'bob');
    expect(bob).toMatchObject({
      id: 'bob',
      displayName: 'Bob Brown',
      title: expect.any(String),
      email: 'bob@example.com',
      timeZone: 'Europe/London',
      hasPhoto: true,
    });
    alice.close();

    const again = recordingFetch();
    const next = visit({ storage, fetch: again.fetch });
    await next.login('alice', 'demo');
    expect(await cardsOf(next, 'bob')).toEqual([bob]);
    expect(again.cards()).toEqual([]);
  });

  it('refreshes a stale card behind the kept one', async () => {
    const storage = memoryStorage();
    const alice = visit({ storage });
    await alice.login('alice', 'demo');
    const [real] = await cardsOf(alice, 'carol');
    alice.close();
    // Pretend the last visit kept an older card: the next one shows it, then the proxy's.
    await storage.save('alice', [['card:carol', { card: { ...real, title: 'Intern' }, at: 0 }]]);

    const recorder = recordingFetch();
    const next = visit({ storage, fetch: recorder.fetch });
    await next.login('alice', 'demo');
    const seen = await cardsOf(next, 'carol');
    expect(seen.map((c) => c?.title)).toEqual(['Intern', real?.title]);
    expect(recorder.cards()).toHaveLength(1);
  });
});

describe('photos', () => {
  it('fetches with the Bearer token, and a second visit transfers no photo bytes', async () => {
    const storage = indexedDbStorage();
    const first = recordingFetch();
    const alice = visit({ storage, fetch: first.fetch });
    await alice.login('alice', 'demo');
    const url = await alice.photoUrl('bob');
    expect(await blobText(url)).toContain('<svg');
    expect(first.photos()).toHaveLength(1);
    expect(first.photos()[0]).toMatchObject({
      status: 200,
      authorization: expect.stringMatching(/^Bearer /),
    });
    expect(first.photos()[0]?.bytes).toBeGreaterThan(0);
    alice.close();

    // Within the photo's time to live: no request at all.
    const second = recordingFetch();
    const again = visit({ storage, fetch: second.fetch });
    await again.login('alice', 'demo');
    expect(await blobText(await again.photoUrl('bob'))).toContain('<svg');
    expect(second.photos()).toEqual([]);
    again.close();

    // Past it: one revalidation, answered 304 with no bytes.
    const third = recordingFetch();
    const stale = visit({ storage, fetch: third.fetch, cacheTtl: { photosMs: 0 } });
    await stale.login('alice', 'demo');
    expect(await blobText(await stale.photoUrl('bob'))).toContain('<svg');
    expect(third.photos()).toEqual([expect.objectContaining({ status: 304, bytes: 0 })]);
    expect(third.photos()[0]?.ifNoneMatch).toMatch(/^(W\/)?"/);

    await stale.logout();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(photoDatabaseName('alice'));
  });

  it('fetches with the cookie in cookie mode', async () => {
    const jar = cookieFetch();
    const recorder = recordingFetch(jar.fetch);
    const grace = visit({ fetch: recorder.fetch, useLoginToken: false });
    await grace.login('grace', 'demo');
    expect(await grace.photoUrl('heidi')).toMatch(/^blob:/);
    expect(recorder.photos()).toEqual([expect.objectContaining({ status: 200, authorization: null })]);
  });

  it('answers undefined for nobody, asks once per person, and revokes its URLs on logout', async () => {
    const recorder = recordingFetch();
    const alice = visit({ fetch: recorder.fetch });
    await alice.login('alice', 'demo');
    expect(await alice.photoUrl('nobody-at-all')).toBeUndefined();
    const [a, b] = await Promise.all([alice.photoUrl('dave'), alice.photoUrl('dave')]);
    expect(a).toBe(b);
    expect(recorder.photos()).toHaveLength(1);
    await alice.logout();
    expect(resolveObjectURL(a!)).toBeUndefined();
  });

  it('drops the cache of cards and photos on logout', async () => {
    const storage: CacheStorageLike = memoryStorage();
    const alice = visit({ storage });
    await alice.login('alice', 'demo');
    await cardsOf(alice, 'bob');
    await alice.photoUrl('bob');
    await expect.poll(async () => (await storage.load('alice')).length).toBeGreaterThan(0);
    expect(await storage.photos?.get('alice', 'bob')).toBeDefined();
    await alice.logout();
    expect(await storage.load('alice')).toEqual([]);
    expect(await storage.photos?.get('alice', 'bob')).toBeUndefined();
  });
});
