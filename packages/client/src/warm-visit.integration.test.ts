/**
 * A page that embeds a token (`<st-session token>`), visited again: the SDK opens the cache of the
 * token's person at once, so statuses and cards kept by the last visit show before the proxy has
 * said anything, and cards still fresh cost no request.
 */
import type { BusinessCard, Presence } from '@st/protocol/core';
import { startTestProxy } from '@st/proxy/testing';
import { firstValueFrom, toArray } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CacheStorageLike, memoryStorage } from './cache-storage.ts';
import { createClient } from './client.ts';
import { LOGIN_HINTS } from './login-hints.ts';
import { next, SocketLog } from './test-support.ts';
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

async function tokenOf(userId: string): Promise<string> {
  const response = await fetch(`${proxy.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password: 'demo' }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** A `fetch` that notes the calls for cards. */
function countingFetch() {
  const cardCalls: string[] = [];
  const counted: typeof fetch = (input, init) => {
    if (String(input).includes('/api/v1/users?ids=')) cardCalls.push(String(input));
    return fetch(input, init);
  };
  return { fetch: counted, cardCalls };
}

function visit(options: Partial<ClientOptions>): StClient {
  const client = createClient({ server: proxy.url, WebSocket: new SocketLog().ctor(), ...options });
  clients.push(client);
  return client;
}

/**
 * A first visit that shows bob's card and status, and leaves them in `storage`. The card comes
 * back before the stream has said whose the token is (as on a page, where it usually does).
 */
async function firstVisit(storage: CacheStorageLike, token: string): Promise<[Presence, BusinessCard]> {
  const client = visit({ storage, token });
  const card = await firstValueFrom(client.card('bob'));
  const presence = await next(client.presence('bob'), (p) => p.status !== 'unknown');
  await next(client.user$, (user) => user?.id === 'alice');
  client.close();
  await expect
    .poll(async () => (await storage.load('alice')).map(([key]) => key).sort())
    .toEqual(expect.arrayContaining(['card:bob', 'presence:bob']));
  await expect.poll(async () => JSON.stringify(await storage.load(LOGIN_HINTS))).toContain('alice');
  return [presence, card!];
}

describe('a second visit with the same token', () => {
  it('shows the kept status and card before the proxy answers, and asks for no card', async () => {
    const storage = memoryStorage();
    const token = await tokenOf('alice');
    const [presence, card] = await firstVisit(storage, token);

    // The proxy cannot be reached by the stream this time: whatever shows comes from the cache.
    const log = new SocketLog();
    log.refuse = true;
    const counting = countingFetch();
    const again = visit({ storage, token, WebSocket: log.ctor(), fetch: counting.fetch });
    expect(await next(again.presence('bob'), (p) => p.status !== 'unknown')).toEqual(presence);
    expect(await firstValueFrom(again.card('bob').pipe(toArray()))).toEqual([card]);
    expect(counting.cardCalls).toEqual([]);
    expect(log.sentOfType('watch')).toEqual([]);
  });

  it('uses nothing kept for another token', async () => {
    const storage = memoryStorage();
    await firstVisit(storage, await tokenOf('alice'));
    const counting = countingFetch();
    const other = visit({ storage, token: await tokenOf('carol'), fetch: counting.fetch });
    await firstValueFrom(other.card('bob'));
    expect(counting.cardCalls).toHaveLength(1);
  });
});
