/**
 * Push in a cluster: the proxy that stores a message asks the others whether the recipient is in
 * front of a screen there, and the badge count is the cluster's, not one proxy's.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PushRig, startPushRig } from '../push/testing/push-rig.ts';
import type { RunningProxy } from '../server.ts';
import { login, request, type TestSession, TestSocket, waitFor } from '../test-support.ts';
import { startRedis, type TestRedis } from '../testing/redis.ts';
import { startTestProxy } from '../testing.ts';

let redis: TestRedis;
let inspect: Redis;
let rig: PushRig;
let a: RunningProxy;
let b: RunningProxy;

beforeAll(async () => {
  redis = await startRedis();
  inspect = new Redis(redis.url);
  rig = await startPushRig();
  a = await startTestProxy({ ...rig.config, redisUrl: redis.url, nodeId: 'a' });
  b = await startTestProxy({ ...rig.config, redisUrl: redis.url, nodeId: 'b' });
  // Servers start slowly on a loaded machine (Redis, PostgreSQL, proxies, some as processes).
}, 120_000);
afterAll(async () => {
  inspect?.disconnect();
  await a?.close();
  await b?.close();
  await rig?.stop();
  await redis?.stop();
});

async function call(base: string, session: TestSession, method: string, path: string, json?: unknown) {
  return request(base, `/api/v1${path}`, { method, token: session.token, ...(json ? { json } : {}) });
}

async function skippedForeground(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^st_push_skipped_total\{reason="foreground"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

const bodies = (token: string) => rig.apns.delivered(token).map((r) => r.payload.aps.alert.body);

describe('push across proxies', () => {
  it('pushes nothing while a session on another proxy is in the foreground, and counts one badge', async () => {
    const phone = await login(a.url, 'bob', { client: 'mobile' });
    expect(
      (await call(a.url, phone, 'POST', '/push/devices', { platform: 'ios', token: 'bob-phone' })).status,
    ).toBe(201);
    expect((await call(a.url, phone, 'PUT', '/session/state', { foreground: false })).status).toBe(204);
    const web = await login(b.url, 'bob');
    const socket = TestSocket.open(b.url, { token: web.token });
    await socket.hello();
    await waitFor(async () => (await inspect.hget('st:fg:bob', 'b')) === '-1');

    const alice = await login(a.url, 'alice');
    const opened = await call(a.url, alice, 'PUT', '/conversations/im/bob');
    const { id } = ((await opened.json()) as { conversation: { id: string } }).conversation;
    const before = await skippedForeground(a.url);
    expect(
      (await call(a.url, alice, 'POST', `/conversations/${id}/messages`, { text: 'seen on B' })).status,
    ).toBe(201);
    await waitFor(async () => (await skippedForeground(a.url)) === before + 1);

    // Bob leaves the web: B says so, and A pushes to the phone.
    await call(b.url, web, 'DELETE', '/session');
    await socket.closed;
    await waitFor(async () => (await inspect.hget('st:fg:bob', 'b')) === null);
    await call(a.url, alice, 'POST', `/conversations/${id}/messages`, { text: 'pushed' });
    await call(a.url, alice, 'POST', `/conversations/${id}/messages`, { text: 'pushed again' });
    await waitFor(() => bodies('bob-phone').length === 2);
    expect(bodies('bob-phone')).toEqual(['pushed', 'pushed again']);
    expect(rig.apns.delivered('bob-phone').map((p) => p.payload.aps.badge)).toEqual([1, 2]);

    // The phone comes to the foreground on B: the badge starts again for the whole cluster.
    expect((await call(b.url, phone, 'PUT', '/session/state', { foreground: true })).status).toBe(204);
    await waitFor(async () => (await inspect.exists('st:badge:bob')) === 0);
    expect((await call(b.url, phone, 'PUT', '/session/state', { foreground: false })).status).toBe(204);
    await waitFor(async () => (await inspect.hget('st:fg:bob', 'b')) === null);
    await call(a.url, alice, 'POST', `/conversations/${id}/messages`, { text: 'third' });
    await waitFor(() => bodies('bob-phone').length === 3);
    expect(rig.apns.delivered('bob-phone')[2]!.payload.aps.badge).toBe(1);
  });
});
