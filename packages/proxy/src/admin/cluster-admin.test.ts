/**
 * The admin API across a cluster: two proxies in processes of their own on a real Redis and a real
 * PostgreSQL (their shared store). Each sees
 * the other's figures, a person's sessions are found and ended on whichever node holds them, and a
 * drain of node B asked through node A makes B drain and exit 0, after which it shows as gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, login, request, type TestSession, TestSocket, waitFor } from '../test-support.ts';
import { TestPostgres } from '../testing/postgres.ts';
import { type ProxyProcess, startProxyProcess } from '../testing/proxy-process.ts';
import { startRedis, type TestRedis } from '../testing/redis.ts';

interface Node {
  id: string;
  state: string;
  self: boolean;
  logins: number;
  streams: { websocket: number; sse: number; poll: number };
}

let redis: TestRedis;
let postgres: TestPostgres;
let databaseUrl: string;
let a: ProxyProcess;
let b: ProxyProcess;
let adminOnA: TestSession;
let adminOnB: TestSession;

function startNode(nodeId: string) {
  return startProxyProcess({
    ST_REDIS_URL: redis.url,
    ST_DATABASE_URL: databaseUrl,
    ST_NODE_ID: nodeId,
    ST_ADMINS: 'alice',
    // A short grace period makes the heartbeat, and so the figures, come every half second.
    ST_GRACE_SECONDS: '2',
  });
}

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), TestPostgres.start({ fsync: false })]);
  databaseUrl = await postgres.createDatabase();
  // One after the other: the first one brings the shared database's schema up to date.
  a = await startNode('node-a');
  b = await startNode('node-b');
  adminOnA = await login(a.url, 'alice');
  adminOnB = await login(b.url, 'alice');
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  await postgres?.dispose();
});

async function nodes(base: string, admin: TestSession): Promise<Node[]> {
  const response = await request(base, '/api/v1/admin/nodes', { token: admin.token });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { clustered: boolean; nodes: Node[] };
  expect(body.clustered).toBe(true);
  return body.nodes;
}

async function nodeSeen(base: string, admin: TestSession, id: string, holds: (node: Node) => boolean) {
  let found: Node | undefined;
  await waitFor(async () => {
    found = (await nodes(base, admin)).find((node) => node.id === id);
    return found !== undefined && holds(found);
  }, 100);
  return found!;
}

describe('the admin API in a cluster', () => {
  it("shows each node's figures from either node", async () => {
    const carol = await login(b.url, 'carol');
    const socket = TestSocket.open(b.url, { token: carol.token });
    await socket.hello();
    const bFromA = await nodeSeen(a.url, adminOnA, 'node-b', (n) => n.streams.websocket === 1);
    expect(bFromA).toMatchObject({ state: 'ready', self: false });
    expect(bFromA.logins).toBeGreaterThanOrEqual(2);
    const aFromB = await nodeSeen(b.url, adminOnB, 'node-a', (n) => n.logins >= 1);
    expect(aFromB).toMatchObject({ state: 'ready', self: false });
    const self = (await nodes(b.url, adminOnB)).find((n) => n.id === 'node-b');
    expect(self).toMatchObject({ self: true, streams: { websocket: 1 } });
    await socket.close();
    await request(a.url, '/api/v1/admin/people/carol/sessions', { method: 'DELETE', token: adminOnA.token });
  }, 60_000);

  it('shows a node killed without a word as gone once it missed three heartbeats', async () => {
    const c = await startNode('node-c');
    await nodeSeen(a.url, adminOnA, 'node-c', (n) => n.state === 'ready');
    await c.kill();
    const gone = await nodeSeen(a.url, adminOnA, 'node-c', (n) => n.state === 'gone');
    expect(gone.self).toBe(false);
    const drain = await request(a.url, '/api/v1/admin/nodes/node-c/drain', {
      method: 'POST',
      token: adminOnA.token,
    });
    expect(await errorCode(drain)).toBe('ST_ERR_NODE_NOT_FOUND');
  }, 60_000);

  it('checks Redis beside the community and the PostgreSQL store', async () => {
    const body = await (await request(a.url, '/api/v1/admin/health', { token: adminOnA.token })).json();
    const byName = Object.fromEntries(body.checks.map((c: { name: string }) => [c.name, c]));
    expect(byName.redis).toMatchObject({ kind: 'redis', status: 'ok' });
    expect(byName.community).toMatchObject({ kind: 'redis', status: 'ok' });
    expect(byName.store).toMatchObject({ kind: 'postgresql', status: 'ok' });
  });

  it("finds a person's session on the nodes holding it and ends it there", async () => {
    const dave = await login(b.url, 'dave');
    const onB = TestSocket.open(b.url, { token: dave.token });
    await onB.hello();
    // The same login used through node A as well: one session, held by both nodes.
    const onA = TestSocket.open(a.url, { token: dave.token });
    await onA.hello();
    const listed = await (
      await request(a.url, '/api/v1/admin/people/dave/sessions', { token: adminOnA.token })
    ).json();
    expect(listed.sessions).toHaveLength(1);
    expect(listed.sessions[0]).toMatchObject({ nodes: ['node-a', 'node-b'], streams: 2, client: 'web' });

    const path = `/api/v1/admin/people/dave/sessions/${listed.sessions[0].sessionId}`;
    const ended = await request(a.url, path, {
      method: 'DELETE',
      cookie: adminOnA.cookie,
      csrf: adminOnA.csrfToken,
    });
    expect(await ended.json()).toEqual({ ended: 1 });
    expect((await onB.closed).code).toBe(1000);
    expect((await onA.closed).code).toBe(1000);
    for (const base of [a.url, b.url]) {
      const refused = await request(base, '/api/v1/session', { token: dave.token });
      expect(refused.status).toBe(401);
      expect(await errorCode(refused)).toBe('ST_ERR_UNAUTHENTICATED');
    }
  }, 60_000);

  it('drains node B when asked through node A: B moves its streams, exits 0 and shows as gone', async () => {
    const erin = await login(b.url, 'erin');
    const socket = TestSocket.open(b.url, { token: erin.token });
    await socket.hello();
    await nodeSeen(a.url, adminOnA, 'node-b', (n) => n.streams.websocket >= 1);
    const response = await request(a.url, '/api/v1/admin/nodes/node-b/drain', {
      method: 'POST',
      cookie: adminOnA.cookie,
      csrf: adminOnA.csrfToken,
    });
    expect(response.status).toBe(202);
    expect((await socket.closed).code).toBe(1001);
    expect(await b.exited).toBe(0);
    const gone = await nodeSeen(a.url, adminOnA, 'node-b', (n) => n.state === 'gone');
    expect(gone).toMatchObject({ logins: 0, streams: { websocket: 0, sse: 0, poll: 0 } });
    const again = await request(a.url, '/api/v1/admin/nodes/node-b/drain', {
      method: 'POST',
      token: adminOnA.token,
    });
    expect(again.status).toBe(404);
    expect(await errorCode(again)).toBe('ST_ERR_NODE_NOT_FOUND');
  }, 60_000);
});
