/**
 * Anonymous mode against a real proxy: no credentials of any kind leave the client, it never asks
 * who it is, it connects as soon as someone is watched, and it sees presence and the public part of
 * cards where the proxy allows anonymous awareness (and is told plainly where it does not).
 */
import { startTestProxy } from '@st/proxy/testing';
import { firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.ts';
import { StForbiddenError } from './errors.ts';
import { next, SocketLog, whenState, whenStatus } from './test-support.ts';
import type { StClient, WebSocketCtor } from './types.ts';

let proxy: Awaited<ReturnType<typeof startTestProxy>>;
const clients: StClient[] = [];

beforeAll(async () => {
  proxy = await startTestProxy({ anonymousAwareness: true });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await proxy?.close();
});

interface Sent {
  url: string;
  credentials: RequestCredentials | undefined;
  headers: Headers;
}

/** Records what each request would send, and every subprotocol list a socket offered. */
function recorder(log = new SocketLog()) {
  const requests: Sent[] = [];
  const offered: (string | string[] | undefined)[] = [];
  const fetchSpy: typeof fetch = (input, init) => {
    requests.push({
      url: String(input),
      credentials: init?.credentials,
      headers: new Headers(init?.headers),
    });
    return fetch(input, init);
  };
  const Recording = log.ctor() as unknown as new (url: string, protocols?: string | string[]) => object;
  class OfferRecording extends Recording {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      offered.push(protocols);
    }
  }
  const WebSocket = OfferRecording as unknown as WebSocketCtor;
  return { requests, offered, fetch: fetchSpy, WebSocket, log };
}

function anonymous(server: string, spy = recorder()) {
  const client = createClient({
    server,
    anonymous: true,
    token: 'ignored-when-anonymous',
    fetch: spy.fetch,
    WebSocket: spy.WebSocket,
    storage: false,
  });
  clients.push(client);
  return client;
}

describe('anonymous client', () => {
  it('sends no credentials, never asks who it is, and follows presence', async () => {
    const bob = createClient({ server: proxy.url, storage: false, WebSocket: new SocketLog().ctor() });
    clients.push(bob);
    await bob.login('bob', 'demo');

    const spy = recorder();
    const page = anonymous(proxy.url, spy);
    expect(await page.resume()).toBeNull();
    const bob$ = page.presence('bob');
    bob$.subscribe();
    // Connects at once: nobody has to log in first.
    await whenState(page.state$, (s) => s.status === 'connected');
    expect(spy.offered).toEqual([['st.v1']]);
    expect(spy.log.receivedOfType('hello')[0]).toMatchObject({ userId: '' });
    await whenStatus(bob$, 'available');

    await bob.setStatus('dnd', 'focus time');
    expect(await whenStatus(bob$, 'dnd')).toMatchObject({ message: 'focus time' });
    expect(page.user).toBeNull();

    const card = await firstValueFrom(page.card('bob'));
    expect(card).toEqual({ id: 'bob', displayName: 'Bob Brown', hasPhoto: true });
    expect(await page.photoUrl('bob')).toMatch(/^blob:/);

    expect(spy.requests.length).toBeGreaterThan(0);
    for (const request of spy.requests) {
      expect(request.credentials).toBe('omit');
      expect(request.headers.get('authorization')).toBeNull();
      expect(request.url).not.toContain('/api/v1/session');
    }
    await bob.setStatus('available');
  });

  it('refuses to log in: it is read-only by design', async () => {
    const page = anonymous(proxy.url);
    const refused = await page.login('alice', 'demo').catch((e) => e);
    expect(refused).toBeInstanceOf(StForbiddenError);
    await expect(page.setStatus('away')).rejects.toMatchObject({ code: 'ST_ERR_UNAUTHENTICATED' });
    // A 401 on a change is no lost login for a client that never had one: it keeps watching.
    const alice$ = page.presence('alice');
    alice$.subscribe();
    await whenState(page.state$, (s) => s.status === 'connected');
  });

  it('is told plainly when the proxy does not allow anonymous awareness', async () => {
    const closed = await startTestProxy();
    try {
      const page = anonymous(closed.url);
      page.presence('bob').subscribe();
      const state = await next(page.state$, (s) => s.status === 'unauthenticated');
      expect(state.code).toBe('unauthenticated');
      await expect(firstValueFrom(page.card('bob'))).rejects.toMatchObject({
        code: 'ST_ERR_UNAUTHENTICATED',
      });
    } finally {
      await closed.close();
    }
  });
});
