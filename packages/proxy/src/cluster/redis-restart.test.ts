/**
 * Redis restarted without its data (SIGKILL, no persistence): the proxies write back what they
 * hold (sessions, logins, who is live where), chosen statuses come back from the shared store,
 * and the proxies re-read what they watch, so presence converges and nobody has to log in again.
 * Event streams stay connected to their proxies throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, presenceOf, request, TestSocket, waitFor } from '../test-support.ts';
import { TestPostgres } from '../testing/postgres.ts';
import { startRedis, type TestRedis } from '../testing/redis.ts';
import { startTestProxy } from '../testing.ts';

let redis: TestRedis;
let postgres: TestPostgres;
let a: RunningProxy;
let b: RunningProxy;

beforeAll(async () => {
  redis = await startRedis();
  postgres = await TestPostgres.start({ fsync: false });
  const databaseUrl = await postgres.createDatabase();
  a = await startTestProxy({ redisUrl: redis.url, databaseUrl, nodeId: 'a' });
  b = await startTestProxy({ redisUrl: redis.url, databaseUrl, nodeId: 'b' });
  // Servers start slowly on a loaded machine (Redis, PostgreSQL, proxies, some as processes).
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await postgres?.dispose();
  await redis?.stop();
});

describe('a Redis restart that loses every key', () => {
  it('converges presence, keeps logins and streams, and carries new changes again', async () => {
    const carol = await login(a.url, 'carol');
    const watcher = TestSocket.open(a.url, { token: carol.token });
    await watcher.hello();
    watcher.send({ type: 'watch', id: 1, add: ['bob', 'dave'] });
    await watcher.presence('dave', 'offline');

    const bob = await login(b.url, 'bob');
    const bobStream = TestSocket.open(b.url, { token: bob.token });
    await bobStream.hello();
    await watcher.presence('bob', 'available');
    await request(b.url, '/api/v1/me/status', {
      method: 'PUT',
      token: bob.token,
      json: { status: 'in-meeting', message: 'until 3' },
    });
    await watcher.presence('bob', 'in-meeting');
    const dave = await login(b.url, 'dave');

    let daveStream: TestSocket | undefined;
    await redis.restart({
      hard: true,
      whileDown: async () => {
        // Dave comes online on B while Redis is away: nobody can hear of it yet.
        daveStream = TestSocket.open(b.url, { token: dave.token });
        await daveStream.hello();
      },
    });

    // Once Redis is back, B writes dave's session again and A re-reads whom it watches.
    await watcher.presence('dave', 'available');
    await waitFor(async () => (await presenceOf(a.url, carol, ['dave']))[0]!.status === 'available', 50);
    // Bob's chosen status came back from the store, not from Redis.
    await waitFor(async () => {
      const [presence] = await presenceOf(a.url, carol, ['bob']);
      return presence!.status === 'in-meeting' && presence!.message === 'until 3';
    }, 50);
    // Logins made before the restart still work on the other proxy.
    expect((await request(a.url, '/api/v1/session', { token: bob.token })).status).toBe(200);
    expect((await request(a.url, '/api/v1/session', { token: dave.token })).status).toBe(200);
    // And new changes flow again.
    const from = watcher.frames.length;
    await request(b.url, '/api/v1/me/status', { method: 'PUT', token: bob.token, json: { status: 'away' } });
    await watcher.presence('bob', 'away', from);
    // The streams never closed.
    for (const socket of [watcher, bobStream, daveStream!]) expect(socket.socket.readyState).toBe(1);
    await Promise.all([watcher.close(), bobStream.close(), daveStream!.close()]);
  });
});

describe('Redis away', () => {
  it('answers a token this proxy does not hold with 503 and close 1013, never "log in again"', async () => {
    const alice = await login(a.url, 'alice');
    await redis.restart({
      whileDown: async () => {
        const answer = await request(b.url, '/api/v1/session', { token: alice.token });
        expect(answer.status).toBe(503);
        expect(await errorCode(answer)).toBe('ST_ERR_COMMUNITY_UNAVAILABLE');
        const socket = TestSocket.open(b.url, { token: alice.token });
        expect((await socket.closed).code).toBe(1013);
        expect((await request(b.url, '/readyz')).status).toBe(503);
      },
    });
    // Back: the same token works on B, and B is ready again.
    await waitFor(
      async () => (await request(b.url, '/api/v1/session', { token: alice.token })).status === 200,
      50,
    );
    await waitFor(async () => (await request(b.url, '/readyz')).status === 200, 50);
  });
});
