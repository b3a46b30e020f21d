/**
 * Tab sharing against a real proxy, in Node: two clients of one login given Node's own
 * BroadcastChannel and Web Locks held in memory (`MemoryLocks`; Node 20 has no `navigator.locks`)
 * share one WebSocket; each sees the people it watches; when the leader closes, the other opens
 * the stream itself and goes on seeing changes.
 */
import { startTestProxy } from '@st/proxy/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createClient } from '../client.ts';
import { MemoryLocks, next, SocketLog, whenStatus } from '../test-support.ts';
import type { StClient } from '../types.ts';
import type { TabPlatform } from './tab-platform.ts';

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

async function login(userId: string): Promise<string> {
  const response = await fetch(`${proxy.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password: 'demo' }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function setStatus(token: string, status: string, message: string): Promise<void> {
  const response = await fetch(`${proxy.url}/api/v1/me/status`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ status, message }),
  });
  expect(response.status).toBeLessThan(300);
}

function tab(tabs: TabPlatform, token: string) {
  const log = new SocketLog();
  const client = createClient({
    server: proxy.url,
    token,
    WebSocket: log.ctor(),
    storage: false,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    platform: { tabs },
  });
  clients.push(client);
  return { client, log };
}

const openSockets = (log: SocketLog) => log.sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
const eventually = (assertion: () => void) => vi.waitFor(assertion, { timeout: 15_000, interval: 20 });

describe('one stream shared by the tabs of a login', () => {
  it('holds one WebSocket for two clients, and hands it over when the leader closes', async () => {
    const tabs: TabPlatform = { locks: new MemoryLocks(), channel: (name) => new BroadcastChannel(name) };
    const token = await login('alice');
    const [bobToken, carolToken] = await Promise.all([login('bob'), login('carol')]);
    const a = tab(tabs, token);
    const b = tab(tabs, token);
    a.client.presence('bob').subscribe();
    b.client.presence('carol').subscribe();
    await eventually(() => expect(openSockets(a.log) + openSockets(b.log)).toBe(1));

    await setStatus(bobToken, 'away', 'seen by the leader and its follower');
    await setStatus(carolToken, 'dnd', 'watched by one tab only');
    await whenStatus(b.client.presence('carol'), 'dnd');
    await whenStatus(a.client.presence('bob'), 'away');
    await whenStatus(b.client.presence('bob'), 'away');

    const [leader, follower] = openSockets(a.log) === 1 ? [a, b] : [b, a];
    leader.client.close();
    await eventually(() => expect(openSockets(follower.log)).toBe(1));
    await setStatus(carolToken, 'away', 'after the handover');
    const carol = await whenStatus(follower.client.presence('carol'), 'away');
    expect(carol.message).toBe('after the handover');
    expect(openSockets(leader.log)).toBe(0);
  });

  it("shows the followers the leader's reconnecting, and their connected state once it is back", async () => {
    const tabs: TabPlatform = { locks: new MemoryLocks(), channel: (name) => new BroadcastChannel(name) };
    const token = await login('dave');
    const a = tab(tabs, token);
    const b = tab(tabs, token);
    a.client.presence('bob').subscribe();
    b.client.presence('carol').subscribe();
    // With a token, each tab opens a stream of its own before it knows its login's group: wait
    // until one of them has given its own up and is connected through the other.
    const following = (tab: typeof a) =>
      tab.log.sockets.length > 0 &&
      tab.log.sockets.every((socket) => socket.readyState === WebSocket.CLOSED) &&
      openSockets(tab === a ? b.log : a.log) === 1;
    let state = { a: '', b: '' };
    const watching = [
      a.client.state$.subscribe((s) => (state = { ...state, a: s.status })),
      b.client.state$.subscribe((s) => (state = { ...state, b: s.status })),
    ];
    await eventually(() => {
      const settled = (following(a) && state.a === 'connected') || (following(b) && state.b === 'connected');
      expect(settled).toBe(true);
    });
    for (const subscription of watching) subscription.unsubscribe();
    const [leader, follower] = following(b) ? [a, b] : [b, a];

    const seen: string[] = [];
    const states = follower.client.state$.subscribe((state) => seen.push(state.status));
    leader.log.current?.terminate();
    const away = await next(follower.client.state$, (state) => state.status === 'reconnecting');
    expect(away.reason).toMatch(/leading tab/);
    await next(follower.client.state$, (state) => state.status === 'connected');
    states.unsubscribe();
    expect(seen).toContain('reconnecting');
    // The follower never opened a socket of its own: it followed the leader's stream throughout.
    expect(openSockets(follower.log)).toBe(0);
  });
});
