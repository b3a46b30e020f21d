/**
 * The admin API on one proxy: who may call it (401 without a login, 403 for people not in
 * ST_ADMINS, the CSRF and Origin rules on writes), the node's figures and health, and a person's
 * sessions listed and ended, with their streams closed as on a logout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, request, type TestSession, TestSocket, waitFor } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';
import { isAdmin } from './admins.ts';

const OTHER_ORIGIN = 'https://intranet.example';
let proxy: RunningProxy;
let alice: TestSession;
let bob: TestSession;
let drainsRequested = 0;

beforeAll(async () => {
  proxy = await startTestProxy(
    { admins: ['alice'], allowedOrigins: [OTHER_ORIGIN], nodeId: 'solo' },
    { onDrainRequested: () => drainsRequested++ },
  );
  alice = await login(proxy.url, 'alice');
  bob = await login(proxy.url, 'bob');
});
afterAll(() => proxy.close());

const get = (path: string, session?: TestSession) =>
  request(proxy.url, path, session ? { token: session.token } : {});

describe('who may use the admin API', () => {
  const reads = ['/api/v1/admin/nodes', '/api/v1/admin/health', '/api/v1/admin/people/carol/sessions'];
  const writes: [string, string][] = [
    ['POST', '/api/v1/admin/nodes/solo/drain'],
    ['DELETE', '/api/v1/admin/people/carol/sessions'],
    ['DELETE', '/api/v1/admin/people/carol/sessions/AAAAAAAAAAAAAAAAAAAAAA'],
    // Refused before the input is looked at: a bad id tells a non-administrator nothing.
    ['POST', '/api/v1/admin/nodes/no%20spaces/drain'],
  ];

  it('answers 401 without a login and 403 ST_ERR_NOT_ADMIN to a person not listed', async () => {
    for (const path of reads) {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(401);
      expect(await errorCode(anonymous)).toBe('ST_ERR_UNAUTHENTICATED');
      const notAdmin = await get(path, bob);
      expect(notAdmin.status).toBe(403);
      expect(await errorCode(notAdmin)).toBe('ST_ERR_NOT_ADMIN');
    }
    for (const [method, path] of writes) {
      const notAdmin = await request(proxy.url, path, { method, token: bob.token });
      expect(notAdmin.status).toBe(403);
      expect(await errorCode(notAdmin)).toBe('ST_ERR_NOT_ADMIN');
    }
    expect(drainsRequested).toBe(0);
  });

  it('refuses a cookie write without the CSRF header, and a write from an origin not allowed', async () => {
    for (const [method, path] of writes) {
      const noCsrf = await request(proxy.url, path, { method, cookie: alice.cookie });
      expect(noCsrf.status).toBe(403);
      expect(await errorCode(noCsrf)).toBe('ST_ERR_CSRF');
      const foreign = await request(proxy.url, path, {
        method,
        cookie: alice.cookie,
        csrf: alice.csrfToken,
        origin: 'https://evil.example',
      });
      expect(foreign.status).toBe(403);
      expect(await errorCode(foreign)).toBe('ST_ERR_ORIGIN_NOT_ALLOWED');
    }
    expect(drainsRequested).toBe(0);
  });

  it('matches ST_ADMINS the way the directory matches ids', () => {
    const config = { admins: ['Alice'] } as Parameters<typeof isAdmin>[0]['config'];
    expect(isAdmin({ config, directory: { caseInsensitiveIds: true } as never }, 'ALICE')).toBe(true);
    expect(isAdmin({ config, directory: {} as never }, 'alice')).toBe(false);
    expect(isAdmin({ config, directory: {} as never }, 'Alice')).toBe(true);
  });

  it('reads ST_ADMINS as a comma-separated list and names a bad id', () => {
    expect(loadConfig({ ST_ADMINS: ' alice, bob ,alice' }).admins).toEqual(['alice', 'bob']);
    expect(loadConfig({}).admins).toEqual([]);
    expect(() => loadConfig({ ST_ADMINS: 'alice,bad\u0007id' })).toThrow(/^ST_ADMINS: .*not a user id/);
  });

  it('lists the admin routes in the OpenAPI document with their errors', async () => {
    const document = (await (await get('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { 'x-st-error-codes'?: string[] }> }>>;
    };
    const drain = document.paths['/api/v1/admin/nodes/{id}/drain']?.post;
    expect(drain?.responses['202']).toBeDefined();
    expect(drain?.responses['403']?.['x-st-error-codes']).toEqual(
      expect.arrayContaining(['ST_ERR_NOT_ADMIN', 'ST_ERR_CSRF']),
    );
    expect(document.paths['/api/v1/admin/people/{id}/sessions']?.get?.responses['401']).toBeDefined();
  });
});

describe('nodes and health', () => {
  it('lists this one node with what it holds', async () => {
    const socket = TestSocket.open(proxy.url, { token: alice.token });
    await socket.hello();
    socket.send({ type: 'watch', id: 1, add: ['carol', 'dave'] });
    await socket.next((f) => f.type === 'ack' && f.id === 1);
    const response = await get('/api/v1/admin/nodes', alice);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.clustered).toBe(false);
    expect(body.nodes).toHaveLength(1);
    const [node] = body.nodes;
    expect(node).toMatchObject({ id: 'solo', state: 'ready', self: true, streams: { websocket: 1 } });
    expect(node.logins).toBeGreaterThanOrEqual(2);
    expect(node.watchedPeople).toBeGreaterThanOrEqual(2);
    expect(Date.parse(node.startedAt)).toBeLessThanOrEqual(Date.parse(node.lastHeartbeatAt));
    await socket.close();
  });

  it('checks the community, the store and the directory', async () => {
    const response = await get('/api/v1/admin/health', alice);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.node).toBe('solo');
    const byName = Object.fromEntries(body.checks.map((c: { name: string }) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['community', 'directory', 'store']);
    expect(byName.community).toMatchObject({ kind: 'embedded', status: 'ok' });
    expect(byName.store).toMatchObject({ kind: 'sqlite', status: 'ok' });
    expect(byName.directory).toMatchObject({ kind: 'demo', status: 'ok' });
    expect(byName.store.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('drains this node through the hook, and refuses a node it does not know', async () => {
    const unknown = await request(proxy.url, '/api/v1/admin/nodes/elsewhere/drain', {
      method: 'POST',
      token: alice.token,
    });
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('ST_ERR_NODE_NOT_FOUND');
    const bad = await request(proxy.url, '/api/v1/admin/nodes/no%20spaces/drain', {
      method: 'POST',
      token: alice.token,
    });
    expect(bad.status).toBe(400);
    const response = await request(proxy.url, '/api/v1/admin/nodes/solo/drain', {
      method: 'POST',
      cookie: alice.cookie,
      csrf: alice.csrfToken,
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ node: 'solo', state: 'draining' });
    await waitFor(() => drainsRequested === 1);
  });
});

describe("a person's sessions", () => {
  it('lists each login with an id that is not its token, its client, agent and streams', async () => {
    const web = await login(proxy.url, 'carol');
    const phone = await login(proxy.url, 'carol', { client: 'mobile' });
    const socket = TestSocket.open(proxy.url, { token: web.token });
    await socket.hello();
    const response = await get('/api/v1/admin/people/carol/sessions', alice);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.user).toEqual({ id: 'carol', displayName: expect.any(String) });
    expect(body.sessions).toHaveLength(2);
    const text = JSON.stringify(body);
    for (const secret of [web.token, phone.token, web.csrfToken]) expect(text).not.toContain(secret);
    const clients = body.sessions.map((s: { client: string }) => s.client).sort();
    expect(clients).toEqual(['mobile', 'web']);
    const streams = body.sessions.map((s: { streams: number }) => s.streams).sort();
    expect(streams).toEqual([0, 1]);
    for (const session of body.sessions) {
      expect(session.nodes).toEqual(['solo']);
      expect(session.userAgent).toMatch(/node|undici/i);
    }
    await socket.close();
    await request(proxy.url, '/api/v1/admin/people/carol/sessions', { method: 'DELETE', token: alice.token });
  });

  it('ends one session: its streams close as on a logout and its token stops working', async () => {
    const web = await login(proxy.url, 'dave');
    const other = await login(proxy.url, 'dave');
    const socket = TestSocket.open(proxy.url, { token: web.token });
    await socket.hello();
    const listed = await (await get('/api/v1/admin/people/dave/sessions', alice)).json();
    const target = listed.sessions.find((s: { streams: number }) => s.streams === 1);
    const path = `/api/v1/admin/people/dave/sessions/${target.sessionId}`;
    const ended = await request(proxy.url, path, {
      method: 'DELETE',
      cookie: alice.cookie,
      csrf: alice.csrfToken,
    });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toEqual({ ended: 1 });
    expect((await socket.closed).code).toBe(1000);
    expect((await get('/api/v1/session', web)).status).toBe(401);
    expect((await get('/api/v1/session', other)).status).toBe(200);
    const again = await request(proxy.url, path, { method: 'DELETE', token: alice.token });
    expect(again.status).toBe(404);
    expect(await errorCode(again)).toBe('ST_ERR_SESSION_NOT_FOUND');

    const all = await request(proxy.url, '/api/v1/admin/people/dave/sessions', {
      method: 'DELETE',
      token: alice.token,
    });
    expect(await all.json()).toEqual({ ended: 1 });
    expect((await get('/api/v1/session', other)).status).toBe(401);
    expect((await (await get('/api/v1/admin/people/dave/sessions', alice)).json()).sessions).toEqual([]);
  });

  it('says so for a person the directory does not know', async () => {
    const response = await get('/api/v1/admin/people/nobody-here/sessions', alice);
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('ST_ERR_USER_NOT_FOUND');
  });
});
