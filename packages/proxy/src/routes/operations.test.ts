import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { EmbeddedCommunity } from '../community/embedded.ts';
import type { CommunityHealth } from '../community/types.ts';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, request, TestSocket } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

/** The embedded community with a switch for its health: a documented fake for readiness. */
class SwitchableCommunity extends EmbeddedCommunity {
  healthy = true;
  override async health(): Promise<CommunityHealth> {
    return this.healthy ? super.health() : { ok: false, detail: 'switched off' };
  }
}

let proxy: RunningProxy;
beforeAll(async () => {
  proxy = await startTestProxy();
});
afterAll(() => proxy.close());

describe('health', () => {
  it('names the answering proxy on every response, errors and WebSocket upgrades included', async () => {
    const id = (await request(proxy.url, '/healthz')).headers.get('x-st-node');
    expect(id).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
    expect((await request(proxy.url, '/api/v1/no-such-thing')).headers.get('x-st-node')).toBe(id);
    const named = await startTestProxy({ nodeId: 'node-7' });
    try {
      expect((await request(named.url, '/readyz')).headers.get('x-st-node')).toBe('node-7');
      const upgraded = new Promise<string | undefined>((resolve, reject) => {
        const ws = new WebSocket(`${named.url.replace('http', 'ws')}/api/v1/ws`, 'st.v1');
        ws.on('upgrade', (response) => resolve(response.headers['x-st-node'] as string | undefined));
        ws.on('error', reject);
        ws.on('open', () => ws.close());
      });
      expect(await upgraded).toBe('node-7');
    } finally {
      await named.close();
    }
  });

  it('answers /healthz and /readyz', async () => {
    expect(await (await request(proxy.url, '/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await request(proxy.url, '/readyz');
    expect(ready.status).toBe(200);
  });

  it('is not ready while the community server is unhealthy', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'st-community-'));
    const community = new SwitchableCommunity();
    const own = await startTestProxy({}, { community });
    try {
      expect((await request(own.url, '/readyz')).status).toBe(200);
      community.healthy = false;
      const response = await request(own.url, '/readyz');
      expect(response.status).toBe(503);
      expect(await errorCode(response)).toBe('ST_ERR_COMMUNITY_UNAVAILABLE');
      expect((await request(own.url, '/healthz')).status).toBe(200);
    } finally {
      await own.close();
      await community.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('metrics', () => {
  it('exposes the proxy metrics in the Prometheus text format', async () => {
    const alice = await login(proxy.url, 'alice');
    const socket = TestSocket.open(proxy.url, { token: alice.token });
    await socket.next((f) => f.type === 'presence');
    socket.send({ type: 'ping', id: 1 });
    await socket.next((f) => f.type === 'ack');
    const response = await request(proxy.url, '/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^st_logins_total\{result="success"\} [1-9]/m);
    expect(text).toMatch(/^st_streams_connected\{transport="websocket"\} [1-9]/m);
    expect(text).toMatch(/^st_events_sent_total\{transport="websocket"\} [1-9]/m);
    expect(text).toMatch(/^st_ws_frames_total\{direction="in"\} [1-9]/m);
    expect(text).toMatch(/^st_ws_frames_total\{direction="out"\} [1-9]/m);
    expect(text).toMatch(
      /^st_http_requests_total\{route="\/api\/v1\/session",method="POST",status="201"\} [1-9]/m,
    );
    expect(text).toMatch(/^st_fanout_batch_streams_bucket/m);
    expect(text).toMatch(/^st_presence_changes_total /m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    // alice's stream watches alice: one community subscription however many streams watch her.
    expect(text).toMatch(/^st_watched_people [1-9]/m);
    await socket.close();
  });
});

describe('OpenAPI', () => {
  it('documents every route, its errors and the security schemes', async () => {
    const doc = await (await request(proxy.url, '/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const expected: [string, string][] = [
      ['post', '/api/v1/session'],
      ['get', '/api/v1/session'],
      ['delete', '/api/v1/session'],
      ['put', '/api/v1/me/status'],
      ['put', '/api/v1/session/state'],
      ['get', '/api/v1/me/contacts'],
      ['post', '/api/v1/me/contacts/groups'],
      ['patch', '/api/v1/me/contacts/groups/{name}'],
      ['delete', '/api/v1/me/contacts/groups/{name}'],
      ['put', '/api/v1/me/contacts/groups/{name}/members/{userId}'],
      ['delete', '/api/v1/me/contacts/groups/{name}/members/{userId}'],
      ['post', '/api/v1/me/contacts/move'],
      ['put', '/api/v1/me/contacts/nicknames/{userId}'],
      ['delete', '/api/v1/me/contacts/nicknames/{userId}'],
      ['get', '/api/v1/me/privacy'],
      ['put', '/api/v1/me/privacy'],
      ['get', '/api/v1/me/preferences'],
      ['patch', '/api/v1/me/preferences'],
      ['get', '/api/v1/presence'],
      ['get', '/api/v1/users'],
      ['get', '/api/v1/users/{id}'],
      ['get', '/api/v1/users/{id}/photo'],
      ['get', '/api/v1/directory'],
      ['get', '/api/v1/conversations'],
      ['post', '/api/v1/conversations'],
      ['get', '/api/v1/conversations/im/{peerId}'],
      ['put', '/api/v1/conversations/im/{peerId}'],
      ['get', '/api/v1/conversations/{id}'],
      ['patch', '/api/v1/conversations/{id}'],
      ['post', '/api/v1/conversations/{id}/participants'],
      ['put', '/api/v1/conversations/{id}/participants/me'],
      ['delete', '/api/v1/conversations/{id}/participants/me'],
      ['post', '/api/v1/conversations/{id}/messages'],
      ['get', '/api/v1/conversations/{id}/messages'],
      ['post', '/api/v1/conversations/{id}/delivered'],
      ['post', '/api/v1/conversations/{id}/read'],
      ['post', '/api/v1/conversations/{id}/typing'],
      ['post', '/api/v1/announcements'],
      ['get', '/api/v1/announcements'],
      ['post', '/api/v1/announcements/{id}/replies'],
      ['post', '/api/v1/push/devices'],
      ['get', '/api/v1/push/devices'],
      ['delete', '/api/v1/push/devices/{token}'],
      ['post', '/api/v1/watch'],
      ['get', '/api/v1/ws'],
      ['get', '/api/v1/events'],
      ['get', '/api/v1/poll'],
      ['get', '/api/v1/openapi.json'],
      ['get', '/healthz'],
      ['get', '/readyz'],
      ['get', '/metrics'],
      ['get', '/api/v1/admin/nodes'],
      ['get', '/api/v1/admin/health'],
      ['post', '/api/v1/admin/nodes/{id}/drain'],
      ['get', '/api/v1/admin/people/{id}/sessions'],
      ['delete', '/api/v1/admin/people/{id}/sessions'],
      ['delete', '/api/v1/admin/people/{id}/sessions/{sessionId}'],
    ];
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => [method, path]),
    );
    expect(documented.sort()).toEqual(expected.sort());

    const login = doc.paths['/api/v1/session'].post;
    expect(login.requestBody.content['application/json'].schema.anyOf).toHaveLength(2);
    expect(login.responses['201'].content['application/json'].schema.properties.token.type).toBe('string');
    expect(login.responses['401']['x-st-error-codes']).toContain('ST_ERR_BAD_CREDENTIALS');
    expect(login.responses['429']['x-st-error-codes']).toEqual([
      'ST_ERR_RATE_LIMITED',
      'ST_ERR_TOO_MANY_LOGINS',
    ]);
    const presence = doc.paths['/api/v1/presence'].get;
    expect(presence.parameters).toEqual([
      expect.objectContaining({ name: 'users', in: 'query', required: true }),
    ]);
    expect(presence.responses['400']['x-st-error-codes']).toEqual([
      'ST_ERR_VALIDATION',
      'ST_ERR_TOO_MANY_IDS',
    ]);
    expect(doc.paths['/api/v1/users/{id}'].get.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
      required: true,
    });
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      'bearerAuth',
      'cookieAuth',
      'csrfHeader',
      'queryToken',
    ]);
    expect(doc.paths['/api/v1/me/status'].put.security).toEqual([
      { bearerAuth: [] },
      { cookieAuth: [], csrfHeader: [] },
    ]);
    expect(doc.paths['/healthz'].get.security).toEqual([]);
  });
});

/** The HTTP status a WebSocket upgrade is answered with (101 when it is accepted). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const asking = httpRequest(url, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    asking.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    asking.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    asking.on('error', reject);
    asking.end();
  });
}

describe('drain', () => {
  it('turns readiness false, closes streams with 1001 and refuses new ones and logins, while the API answers', async () => {
    const draining = await startTestProxy({ drainSeconds: 0.5 });
    try {
      const bob = await login(draining.url, 'bob');
      const sockets = Array.from({ length: 4 }, () => TestSocket.open(draining.url, { token: bob.token }));
      await Promise.all(sockets.map((socket) => socket.hello()));
      await draining.drain();
      for (const socket of sockets) expect((await socket.closed).code).toBe(1001);
      const ready = await request(draining.url, '/readyz');
      expect(ready.status).toBe(503);
      expect(await errorCode(ready)).toBe('ST_ERR_DRAINING');
      // The upgrade itself is refused with 503, which a balancer retries on another proxy.
      expect(await upgradeStatus(`${draining.url}/api/v1/ws`)).toBe(503);
      const refused = TestSocket.open(draining.url, { token: bob.token });
      expect((await refused.closed).code).toBe(1006);
      const poll = await request(draining.url, '/api/v1/poll', { token: bob.token });
      expect(await errorCode(poll)).toBe('ST_ERR_DRAINING');
      const again = await request(draining.url, '/api/v1/session', {
        method: 'POST',
        json: { userId: 'carol', password: 'demo' },
      });
      expect(again.status).toBe(503);
      expect(await errorCode(again)).toBe('ST_ERR_DRAINING');
      expect((await request(draining.url, '/api/v1/presence?users=bob', { token: bob.token })).status).toBe(
        200,
      );
    } finally {
      await draining.close();
    }
  });
});
