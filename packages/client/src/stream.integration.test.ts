/**
 * The event stream against a real proxy: batching into few frames, ref-counted release, resume
 * and replay after a lost socket, the snapshot when the proxy cannot replay, dead links, a login
 * ended elsewhere, and idle reporting.
 */
import type { Presence } from '@st/protocol/core';
import { startTestProxy } from '@st/proxy/testing';
import { Subject } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from './client.ts';
import { type Frame, next, SocketLog, whenState, whenStatus } from './test-support.ts';
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

function nodeClient(options: Partial<ClientOptions> = {}, server = proxy.url) {
  const log = new SocketLog();
  const client = createClient({
    server,
    WebSocket: log.ctor(),
    storage: false,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    ...options,
  });
  clients.push(client);
  return { client, log };
}

/** Waits for an assertion to hold; the bound is only a backstop (the release alone takes a second). */
const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 15_000, interval: 20 });

const watchFrames = (log: SocketLog) =>
  log.sentOfType('watch') as (Frame & { add: string[]; remove: string[] })[];
const added = (log: SocketLog) => watchFrames(log).flatMap((f) => f.add);

async function rawLogin(userId: string): Promise<string> {
  const response = await fetch(`${proxy.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password: 'demo' }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** Subscribes to everyone and resolves when none of them is `unknown` any more. */
function watchAll(client: StClient, ids: string[]): Promise<void> {
  let waiting = ids.length;
  return new Promise((resolve) => {
    for (const id of ids) {
      let counted = false;
      client.presence(id).subscribe((p: Presence) => {
        if (counted || p.status === 'unknown') return;
        counted = true;
        if (--waiting === 0) resolve();
      });
    }
  });
}

describe('watching', () => {
  it('puts thousands of presence() calls into a few frames', async () => {
    const { client, log } = nodeClient();
    const first = Array.from({ length: 2000 }, (_, i) => `person${i}`);
    const firstLoaded = watchAll(client, first);
    await client.login('frank', 'demo');
    await firstLoaded;
    expect(watchFrames(log).map((f) => f.add.length)).toEqual([1000, 1000]);

    const more = Array.from({ length: 1500 }, (_, i) => `more${i}`);
    await watchAll(client, [...more, 'bob']);
    expect(watchFrames(log).map((f) => f.add.length)).toEqual([1000, 1000, 1000, 501]);
  });

  it('watches a person once for many subscribers and releases them after the last', async () => {
    const { client, log } = nodeClient();
    await client.login('alice', 'demo');
    const a = client.presence('bob').subscribe();
    const b = client.presence('bob').subscribe();
    await next(client.presence('bob'), (p) => p.status !== 'unknown');
    a.unsubscribe();
    b.unsubscribe();
    await eventually(() => expect(watchFrames(log).some((f) => f.remove.includes('bob'))).toBe(true));
    expect(added(log).filter((id) => id === 'bob')).toHaveLength(1);
  });
});

describe('reconnecting', () => {
  it('resumes the stream and replays what was missed while the network was down', async () => {
    const online$ = new Subject<boolean>();
    const { client: ivan } = nodeClient();
    await ivan.login('ivan', 'demo');
    // Only coming back online can bring the stream back in time: the backoff is far longer.
    const { client, log } = nodeClient({
      platform: { online$ },
      reconnect: { initialDelayMs: 600_000, maxDelayMs: 600_000 },
    });
    await client.login('alice', 'demo');
    const ivan$ = client.presence('ivan');
    ivan$.subscribe();
    await whenStatus(ivan$, 'available');

    log.refuse = true;
    log.current!.terminate();
    expect(await whenState(client.state$, (s) => s.status === 'reconnecting')).toMatchObject({
      code: 'transport-closed',
      attempt: 1,
    });
    await ivan.setStatus('dnd', 'do not disturb me');

    log.refuse = false;
    online$.next(true);
    const back = await whenState(client.state$, (s) => s.status === 'connected');
    expect(back.code).toBe('resumed');
    expect(log.urls.at(-1)).toMatch(/[?&]stream=[^&]+&since=\d+/);
    expect(await whenStatus(ivan$, 'dnd')).toMatchObject({ message: 'do not disturb me' });
    expect(log.receivedOfType('hello').at(-1)).toMatchObject({ recovered: true });
    await ivan.setStatus('available');
  });

  it('reloads a snapshot when the proxy cannot replay', async () => {
    const { client, log } = nodeClient();
    await client.login('alice', 'demo');
    const ids = ['bob', 'carol', 'dave'];
    await watchAll(client, ids);
    const before = watchFrames(log).length;

    log.rewrite = (url) => url.replace(/since=\d+/, 'since=999999');
    log.current!.terminate();
    await whenState(client.state$, (s) => s.status === 'reconnecting');
    const back = await whenState(client.state$, (s) => s.status === 'connected');
    expect(back.code).toBe('snapshot');
    expect(log.receivedOfType('hello').at(-1)).toMatchObject({ recovered: false });
    await eventually(() =>
      expect(
        watchFrames(log)
          .slice(before)
          .flatMap((f) => f.add),
      ).toEqual(expect.arrayContaining(ids)),
    );
  });

  it('detects a dead link from the heartbeat and reconnects', async () => {
    const quick = await startTestProxy({ heartbeatMs: 300 });
    try {
      const { client, log } = nodeClient({}, quick.url);
      await client.login('judy', 'demo');
      client.myPresence$.subscribe();
      await whenState(client.state$, (s) => s.status === 'connected');
      log.silent = true;
      const lost = await whenState(client.state$, (s) => s.status === 'reconnecting');
      expect(lost.code).toBe('dead-link');
      log.silent = false;
      const back = await whenState(client.state$, (s) => s.status === 'connected');
      expect(back.code).toBe('resumed');
      client.close();
    } finally {
      await quick.close();
    }
  });

  it('stops as unauthenticated when the login is ended elsewhere', async () => {
    const token = await rawLogin('dave');
    const { client, log } = nodeClient({ token });
    client.presence('alice').subscribe();
    await whenState(client.state$, (s) => s.status === 'connected');
    await eventually(() => expect(client.user?.id).toBe('dave'));

    await fetch(`${proxy.url}/api/v1/session`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    const state = await whenState(client.state$, (s) => s.status === 'unauthenticated');
    expect(state.retryInMs).toBeUndefined();
    expect(client.user).toBeNull();
    const sockets = log.sockets.length;
    client.presence('carol').subscribe();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log.sockets).toHaveLength(sockets);
  });
});

describe('idleness', () => {
  it('reports idle after the quiet time and active again at the next activity', async () => {
    const activity$ = new Subject<void>();
    const { client: kenji, log } = nodeClient({ idleAfterMs: 150, platform: { activity$ } });
    await kenji.login('kenji', 'demo');
    kenji.myPresence$.subscribe();

    const { client: watcher } = nodeClient();
    await watcher.login('leila', 'demo');
    const kenji$ = watcher.presence('kenji');
    kenji$.subscribe();
    await whenStatus(kenji$, 'not-using');
    activity$.next();
    await whenStatus(kenji$, 'available');
    expect(
      log
        .sentOfType('activity')
        .slice(0, 2)
        .map((f) => f.idle),
    ).toEqual([true, false]);
  });
});
