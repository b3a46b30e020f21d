import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedCommunity } from '../community/embedded.ts';
import type { SessionContribution } from '../community/types.ts';
import type { RunningProxy } from '../server.ts';
import { connectedStreams, errorCode, login, request, TestSocket, waitFor } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

/** The embedded community, recording whom the proxy reports live sessions for. */
class RecordingCommunity extends EmbeddedCommunity {
  readonly reported: string[] = [];

  override setSessions(userId: string, sessions: readonly SessionContribution[]): Promise<void> {
    this.reported.push(userId);
    return super.setSessions(userId, sessions);
  }
}

let dataDir: string;
let community: RecordingCommunity;
let proxy: RunningProxy;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'st-anonymous-'));
  community = new RecordingCommunity();
  proxy = await startTestProxy({ anonymousAwareness: true }, { community });
});
afterAll(async () => {
  await proxy.close();
  await community.stop();
  await rm(dataDir, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: parsed OpenAPI document
type Operation = { security?: Record<string, unknown>[]; [key: string]: any };

/** Every operation of the proxy's OpenAPI document as `METHOD /path`, with its security. */
async function operations(
  base: string,
): Promise<{ name: string; path: string; method: string; op: Operation }[]> {
  const document = await (await request(base, '/api/v1/openapi.json')).json();
  return Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      name: `${method.toUpperCase()} ${path}`,
      path,
      method,
      op,
    })),
  );
}

/** A concrete URL for an OpenAPI path: every parameter becomes `bob`. */
function concrete(path: string): string {
  return path.replace(/\{\w+\}/g, 'bob');
}

describe('anonymous awareness: what an anonymous caller may do', () => {
  it('reads presence, cards with id, display name and hasPhoto only, and photos', async () => {
    const presence = await request(proxy.url, '/api/v1/presence?users=bob,carol');
    expect(presence.status).toBe(200);
    expect((await presence.json()).presence).toHaveLength(2);
    expect(await (await request(proxy.url, '/api/v1/users/bob')).json()).toEqual({
      id: 'bob',
      displayName: 'Bob Brown',
      hasPhoto: true,
    });
    const many = await (await request(proxy.url, '/api/v1/users?ids=bob,carol')).json();
    for (const card of many.users)
      expect(Object.keys(card).sort()).toEqual(['displayName', 'hasPhoto', 'id']);
    expect((await request(proxy.url, '/api/v1/users/bob/photo')).status).toBe(200);
  });

  it('is open only on read-only awareness routes (and the idempotent logout)', async () => {
    const open = (await operations(proxy.url))
      .filter(({ op }) => (op.security ?? []).some((way) => Object.keys(way).length === 0))
      .map(({ name }) => name)
      .sort();
    expect(open).toEqual(
      [
        'DELETE /api/v1/session',
        'GET /api/v1/events',
        'GET /api/v1/poll',
        'GET /api/v1/presence',
        'GET /api/v1/users',
        'GET /api/v1/users/{id}',
        'GET /api/v1/users/{id}/photo',
        'GET /api/v1/ws',
        'POST /api/v1/watch',
      ].sort(),
    );
  });

  it('is refused with 401 everywhere else: status, session state, directory, contacts and every write', async () => {
    const guarded = (await operations(proxy.url)).filter(
      ({ op }) =>
        (op.security ?? []).length > 0 && !op.security!.some((way) => Object.keys(way).length === 0),
    );
    const names = guarded.map(({ name }) => name);
    for (const needed of [
      'PUT /api/v1/me/status',
      'PUT /api/v1/session/state',
      'GET /api/v1/directory',
      'GET /api/v1/me/contacts',
      'GET /api/v1/session',
    ]) {
      expect(names).toContain(needed);
    }
    for (const { name, path, method } of guarded) {
      const response = await request(proxy.url, concrete(path), {
        method: method.toUpperCase(),
        ...(method === 'get' ? {} : { json: {} }),
      });
      const body = await response.json();
      expect({ name, status: response.status, code: body.error.code }).toEqual({
        name,
        status: 401,
        code: 'ST_ERR_UNAUTHENTICATED',
      });
      expect(body.error.message).toMatch(/log in/i);
    }
  });

  it('watches at most LIMITS.anonymousWatchIdsPerSession people, and its hello says so', async () => {
    const socket = TestSocket.open(proxy.url);
    const hello = await socket.hello();
    expect(hello.userId).toBe('');
    expect(hello.limits.watchIdsPerSession).toBe(LIMITS.anonymousWatchIdsPerSession);
    const ids = Array.from({ length: LIMITS.anonymousWatchIdsPerSession }, (_, i) => `someone-${i}`);
    const perMessage = LIMITS.watchIdsPerMessage;
    for (let i = 0; i * perMessage < ids.length; i++) {
      socket.send({ type: 'watch', id: i + 1, add: ids.slice(i * perMessage, (i + 1) * perMessage) });
      await socket.next((f) => f.type === 'ack' && f.id === i + 1);
    }
    socket.send({ type: 'watch', id: 99, add: ['one-too-many'] });
    const refused = await socket.next((f) => f.type === 'error' && f.id === 99);
    expect(refused.error.code).toBe('ST_ERR_WATCH_LIMIT');
    await socket.close();
  });

  it('never counts as a person online, whatever its streams do', async () => {
    const before = community.reported.length;
    const socket = TestSocket.open(proxy.url);
    await socket.hello();
    socket.send({ type: 'watch', id: 1, add: ['bob'] });
    socket.send({ type: 'activity', id: 2, idle: true });
    socket.send({ type: 'activity', id: 3, idle: false });
    await socket.next((f) => f.type === 'ack' && f.id === 3);
    const poll = await request(proxy.url, '/api/v1/poll');
    expect(poll.status).toBe(200);
    await socket.close();
    // Control: a login is reported at once, and nothing before it came from the anonymous caller.
    await login(proxy.url, 'leila');
    await waitFor(() => community.reported.length > before);
    expect(community.reported.slice(before)).toEqual(['leila']);
  });
});

describe('anonymous awareness off (the default)', () => {
  let closed: RunningProxy;
  beforeAll(async () => {
    closed = await startTestProxy();
  });
  afterAll(() => closed.close());

  it('refuses anonymous callers everywhere with 401, and their WebSocket with 4401', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/presence?users=bob'],
      ['GET', '/api/v1/users/bob'],
      ['GET', '/api/v1/users?ids=bob'],
      ['GET', '/api/v1/users/bob/photo'],
      ['GET', '/api/v1/events'],
      ['GET', '/api/v1/poll'],
      ['POST', '/api/v1/watch', { stream: 'x', add: ['bob'] }],
      ['PUT', '/api/v1/me/status', { status: 'away' }],
    ];
    for (const [method, path, json] of calls) {
      const response = await request(closed.url, path, { method, ...(json ? { json } : {}) });
      expect({ path, status: response.status, code: await errorCode(response) }).toEqual({
        path,
        status: 401,
        code: 'ST_ERR_UNAUTHENTICATED',
      });
    }
    const socket = TestSocket.open(closed.url);
    expect((await socket.closed).code).toBe(4401);
    expect(socket.frames).toEqual([]);
  });
});

describe('anonymous rate limits', () => {
  it('allows ST_ANONYMOUS_REQUESTS_PER_MINUTE requests per address at once, then 429 with Retry-After', async () => {
    // A small budget, so the bucket refills one request only every 5 s while the test runs.
    const perMinute = 12;
    const limited = await startTestProxy({ anonymousAwareness: true, anonymousRequestsPerMinute: perMinute });
    try {
      const answers = await Promise.all(
        Array.from({ length: perMinute }, () => request(limited.url, '/api/v1/presence?users=bob')),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(perMinute).fill(200));
      const over = await request(limited.url, '/api/v1/presence?users=bob');
      expect(over.status).toBe(429);
      expect(await errorCode(over)).toBe('ST_ERR_RATE_LIMITED');
      const retryAfter = Number(over.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // An anonymous WebSocket from that address is refused too, before any frame.
      const socket = TestSocket.open(limited.url);
      expect((await socket.closed).code).toBe(4429);
      expect(socket.frames).toEqual([]);
      // People who logged in are not anonymous: their budget is their own.
      const bob = await login(limited.url, 'bob');
      expect((await request(limited.url, '/api/v1/presence?users=bob', { token: bob.token })).status).toBe(
        200,
      );
    } finally {
      await limited.close();
    }
  });

  it('allows LIMITS.anonymousStreamsPerAddress open streams per address; a closed one frees its slot', async () => {
    const limited = await startTestProxy({ anonymousAwareness: true });
    const sockets: TestSocket[] = [];
    try {
      for (let i = 0; i < LIMITS.anonymousStreamsPerAddress; i++) {
        const socket = TestSocket.open(limited.url);
        sockets.push(socket);
        await socket.hello();
      }
      const extra = TestSocket.open(limited.url);
      expect((await extra.closed).code).toBe(4429);
      expect(extra.frames).toEqual([]);
      const sse = await request(limited.url, '/api/v1/events');
      expect(sse.status).toBe(429);
      expect(await errorCode(sse)).toBe('ST_ERR_RATE_LIMITED');
      expect(Number(sse.headers.get('retry-after'))).toBeGreaterThan(0);
      // Plain requests are not streams.
      expect((await request(limited.url, '/api/v1/presence?users=bob')).status).toBe(200);

      await sockets.pop()!.close();
      // The server gives the slot back when it sees the close (as it stops counting the stream).
      await waitFor(async () => (await connectedStreams(limited.url, 'websocket')) <= sockets.length);
      const again = TestSocket.open(limited.url);
      sockets.push(again);
      expect((await again.hello()).userId).toBe('');
    } finally {
      await Promise.all(sockets.map((s) => s.close()));
      await limited.close();
    }
  });

  it('takes its budgets from ST_ANONYMOUS_REQUESTS_PER_MINUTE and ST_ANONYMOUS_STREAMS_PER_ADDRESS', async () => {
    const tight = await startTestProxy({
      anonymousAwareness: true,
      anonymousRequestsPerMinute: 3,
      anonymousStreamsPerAddress: 1,
    });
    try {
      const first = TestSocket.open(tight.url);
      await first.hello();
      const second = TestSocket.open(tight.url);
      expect((await second.closed).code).toBe(4429);
      expect((await request(tight.url, '/api/v1/presence?users=bob')).status).toBe(200);
      expect((await request(tight.url, '/api/v1/presence?users=bob')).status).toBe(429);
      await first.close();
    } finally {
      await tight.close();
    }
  });
});
