/**
 * A proxy that dies (SIGKILL: no drain, no goodbye to Redis). Its people stay online for the grace
 * period, so one who reconnects to another proxy in time never flaps offline; one who does not
 * goes offline once the grace period has passed.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { login, presenceOf, TestSocket, waitFor } from '../test-support.ts';
import { startProxyProcess } from '../testing/proxy-process.ts';
import { startRedis, type TestRedis } from '../testing/redis.ts';
import { startTestProxy } from '../testing.ts';

const GRACE_SECONDS = 2;

let redis: TestRedis;
let inspect: Redis;
let b: RunningProxy;

beforeAll(async () => {
  redis = await startRedis();
  inspect = new Redis(redis.url);
  b = await startTestProxy({ redisUrl: redis.url, nodeId: 'b', graceSeconds: GRACE_SECONDS });
  // Servers start slowly on a loaded machine (Redis, PostgreSQL, proxies, some as processes).
}, 120_000);
afterAll(async () => {
  inspect?.disconnect();
  await b?.close();
  await redis?.stop();
});

function startA(nodeId: string) {
  return startProxyProcess({
    ST_REDIS_URL: redis.url,
    ST_NODE_ID: nodeId,
    ST_GRACE_SECONDS: String(GRACE_SECONDS),
  });
}

/** Resolves once no proxy of the cluster counts `nodeId` any more (its people were handed over). */
async function forgotten(nodeId: string): Promise<void> {
  await waitFor(async () => (await inspect.zscore('st:nodes', nodeId)) === null, 50);
}

function sawStatus(socket: TestSocket, userId: string, status: string, from: number): boolean {
  return socket.frames
    .slice(from)
    .some(
      (f) =>
        f.type === 'presence' &&
        f.presence.some(
          (p: { userId: string; status: string }) => p.userId === userId && p.status === status,
        ),
    );
}

describe('a proxy killed with SIGKILL', () => {
  it('keeps a person who resumes on another proxy within the grace period online, without a flap', async () => {
    const a = await startA('a1');
    const carol = await login(b.url, 'carol');
    const watcher = TestSocket.open(b.url, { token: carol.token });
    await watcher.hello();
    watcher.send({ type: 'watch', id: 1, add: ['alice'] });
    await watcher.presence('alice', 'offline');

    const alice = await login(a.url, 'alice');
    const onA = TestSocket.open(a.url, { token: alice.token });
    const hello = await onA.hello();
    const online = await watcher.presence('alice', 'available');
    const from = watcher.frames.indexOf(online);

    await a.kill();
    // The SDK reconnects to another proxy with the stream it had: B cannot replay A's events and
    // says so (recovered: false), so the client reloads its snapshots and history.
    const onB = TestSocket.open(b.url, { token: alice.token, stream: hello.streamId, since: hello.seq });
    const resumed = await onB.hello();
    expect(resumed.recovered).toBe(false);
    expect(resumed.userId).toBe('alice');

    await forgotten('a1');
    expect((await presenceOf(b.url, carol, ['alice']))[0]!.status).toBe('available');
    expect(sawStatus(watcher, 'alice', 'offline', from)).toBe(false);
    await Promise.all([onB.close(), watcher.close()]);
  }, 60_000);

  it('takes a person who does not come back offline once the grace period has passed', async () => {
    const a = await startA('a2');
    const carol = await login(b.url, 'carol');
    const watcher = TestSocket.open(b.url, { token: carol.token });
    await watcher.hello();
    watcher.send({ type: 'watch', id: 1, add: ['dave'] });
    await watcher.presence('dave', 'offline');
    const dave = await login(a.url, 'dave');
    const onA = TestSocket.open(a.url, { token: dave.token });
    await onA.hello();
    const online = await watcher.presence('dave', 'available');
    const from = watcher.frames.indexOf(online);

    await a.kill();
    const killedAt = Date.now();
    await watcher.presence('dave', 'offline', from);
    // Never earlier than the grace period (a lower bound holds however slow the machine is).
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 50);
    await forgotten('a2');
    await watcher.close();
  }, 60_000);
});
