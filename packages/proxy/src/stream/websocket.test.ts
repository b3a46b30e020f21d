import { LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { login, request, type TestSession, TestSocket } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
let alice: TestSession;
let bob: TestSession;
let carol: TestSession;
beforeAll(async () => {
  proxy = await startTestProxy({ allowedOrigins: ['https://intranet.example'] });
  [alice, bob, carol] = await Promise.all([
    login(proxy.url, 'alice'),
    login(proxy.url, 'bob'),
    login(proxy.url, 'carol'),
  ]);
});
afterAll(() => proxy.close());

describe('WebSocket stream', () => {
  it('opens with hello, then its own presence, unasked', async () => {
    const socket = TestSocket.open(proxy.url, { token: alice.token });
    const hello = await socket.hello();
    expect(hello).toMatchObject({
      type: 'hello',
      userId: 'alice',
      seq: 0,
      recovered: false,
      heartbeatMs: 25_000,
      limits: {
        watchIdsPerMessage: LIMITS.watchIdsPerMessage,
        watchIdsPerSession: LIMITS.watchIdsPerSession,
      },
    });
    expect(hello.streamId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(socket.socket.protocol).toBe('st.v1');
    const own = await socket.next((f) => f.type === 'presence');
    expect(own).toEqual({
      seq: 1,
      type: 'presence',
      presence: [{ userId: 'alice', status: 'available', message: '', mobile: false }],
    });
    await socket.close();
  });

  it('authenticates with the cookie too', async () => {
    const socket = TestSocket.open(proxy.url, { cookie: bob.cookie });
    expect((await socket.hello()).userId).toBe('bob');
    await socket.close();
  });

  it('answers a watch with one presence event of every added id, then an ack', async () => {
    const socket = TestSocket.open(proxy.url, { token: alice.token });
    await socket.hello();
    socket.send({ type: 'watch', id: 7, add: ['bob', 'no-such-person', 'bob'] });
    const ack = await socket.next((f) => f.type === 'ack' && f.id === 7);
    const index = socket.frames.indexOf(ack);
    const snapshot = socket.frames[index - 1]!;
    expect(snapshot.type).toBe('presence');
    expect(snapshot.presence).toEqual([
      { userId: 'bob', status: 'available', message: '', mobile: false },
      { userId: 'no-such-person', status: 'offline', message: '', mobile: false },
    ]);
    // Watching again is how a client reloads a snapshot.
    socket.send({ type: 'watch', id: 8, add: ['bob'] });
    await socket.next((f) => f.type === 'ack' && f.id === 8);
    await socket.close();
  });

  it('fans one change out to every watcher, each with its own sequence', async () => {
    const watchers = [alice, carol, alice].map((s) => TestSocket.open(proxy.url, { token: s.token }));
    for (const w of watchers) {
      await w.hello();
      w.send({ type: 'watch', id: 1, add: ['bob'] });
      await w.next((f) => f.type === 'ack');
    }
    const seqBefore = watchers.map((w) =>
      Math.max(...w.frames.filter((f) => f.seq).map((f) => f.seq as number)),
    );
    const set = await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: bob.token,
      json: { status: 'dnd', message: 'focus' },
    });
    expect(set.status).toBe(204);
    for (const [i, w] of watchers.entries()) {
      const event = await w.presence('bob', 'dnd');
      expect(event.seq).toBe(seqBefore[i]! + 1);
      expect(event.presence).toEqual([{ userId: 'bob', status: 'dnd', message: 'focus', mobile: false }]);
    }
    await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: bob.token,
      json: { status: 'available' },
    });
    for (const w of watchers) await w.presence('bob', 'available');
    await Promise.all(watchers.map((w) => w.close()));
  });

  it('stops sending changes of people no longer watched', async () => {
    const socket = TestSocket.open(proxy.url, { token: carol.token });
    await socket.hello();
    socket.send({ type: 'watch', id: 1, add: ['bob', 'alice'] });
    await socket.next((f) => f.type === 'ack');
    socket.send({ type: 'watch', id: 2, remove: ['bob'] });
    await socket.next((f) => f.type === 'ack' && f.id === 2);
    const from = socket.frames.length;
    await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: bob.token,
      json: { status: 'away' },
    });
    await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: alice.token,
      json: { status: 'away' },
    });
    const next = await socket.next((f) => f.type === 'presence', from);
    expect(next.presence.map((p: { userId: string }) => p.userId)).toEqual(['alice']);
    for (const s of [alice, bob]) {
      await request(proxy.url, '/api/v1/me/status', {
        method: 'PUT',
        token: s.token,
        json: { status: 'available' },
      });
    }
    await socket.close();
  });

  it('shows a status set in one tab to the other tabs of the person', async () => {
    const tabs = [
      TestSocket.open(proxy.url, { token: carol.token }),
      TestSocket.open(proxy.url, { cookie: carol.cookie }),
    ];
    for (const tab of tabs) await tab.presence('carol', 'available');
    await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: carol.token,
      json: { status: 'in-meeting', message: 'standup' },
    });
    for (const tab of tabs) await tab.presence('carol', 'in-meeting');
    await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: carol.token,
      json: { status: 'available' },
    });
    await Promise.all(tabs.map((t) => t.close()));
  });

  it('lets a second connection take a stream over; the first closes with 1000 "replaced"', async () => {
    const first = TestSocket.open(proxy.url, { token: alice.token });
    const hello = await first.hello();
    await first.next((f) => f.type === 'presence');
    const second = TestSocket.open(proxy.url, { token: alice.token, stream: hello.streamId, since: 1 });
    const resumed = await second.hello();
    expect(resumed).toMatchObject({ streamId: hello.streamId, recovered: true, seq: 1 });
    expect(await first.closed).toEqual({ code: 1000, reason: 'replaced' });
    await second.close();
  });
});

describe('watch limits', () => {
  it('refuses more ids per message than the limit with an error frame; the socket stays open', async () => {
    const socket = TestSocket.open(proxy.url, { token: alice.token });
    await socket.hello();
    const ids = Array.from({ length: LIMITS.watchIdsPerMessage + 1 }, (_, i) => `u${i}`);
    socket.send({ type: 'watch', id: 3, add: ids });
    const error = await socket.next((f) => f.type === 'error');
    expect(error).toMatchObject({ id: 3, error: { code: 'ST_ERR_TOO_MANY_IDS' } });
    socket.send({ type: 'ping', id: 4 });
    await socket.next((f) => f.type === 'ack' && f.id === 4);
    await socket.close();
  });

  it('refuses to watch more people than the per-session limit', async () => {
    const socket = TestSocket.open(proxy.url, { token: bob.token });
    await socket.hello();
    const perMessage = LIMITS.watchIdsPerMessage;
    const messages = LIMITS.watchIdsPerSession / perMessage;
    for (let m = 0; m < messages; m++) {
      socket.send({ type: 'watch', id: m, add: Array.from({ length: perMessage }, (_, i) => `p${m}-${i}`) });
    }
    await socket.next((f) => f.type === 'ack' && f.id === messages - 1);
    expect(socket.frames.filter((f) => f.type === 'error')).toEqual([]);
    socket.send({ type: 'watch', id: 99, add: ['one-too-many'] });
    const error = await socket.next((f) => f.type === 'error');
    expect(error).toMatchObject({ id: 99, error: { code: 'ST_ERR_WATCH_LIMIT' } });
    // Swapping one id for another stays within the limit.
    socket.send({ type: 'watch', id: 100, remove: ['p0-0'], add: ['one-too-many'] });
    await socket.next((f) => f.type === 'ack' && f.id === 100);
    await socket.close();
  });
});

describe('bad frames', () => {
  it('answers each bad frame with an error frame and keeps the socket open', async () => {
    const socket = TestSocket.open(proxy.url, { token: carol.token });
    await socket.hello();
    const cases: [unknown, string, number | undefined][] = [
      ['not json', 'ST_ERR_UNKNOWN_FRAME', undefined],
      [{ type: 'dance', id: 1 }, 'ST_ERR_UNKNOWN_FRAME', 1],
      [{ type: 'watch', id: 2, add: ['has space'] }, 'ST_ERR_VALIDATION', 2],
      [{ type: 'watch', id: 3, add: 'bob' }, 'ST_ERR_VALIDATION', 3],
      [{ type: 'activity', id: 4 }, 'ST_ERR_VALIDATION', 4],
      [{ type: 'ping', id: 5, extra: true }, 'ST_ERR_VALIDATION', 5],
      [[1, 2, 3], 'ST_ERR_UNKNOWN_FRAME', undefined],
    ];
    for (const [frame, code, id] of cases) {
      const from = socket.frames.length;
      socket.send(frame);
      const error = await socket.next((f) => f.type === 'error', from);
      expect(error.error.code).toBe(code);
      expect(error.id).toBe(id);
      expect(typeof error.error.message).toBe('string');
    }
    socket.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    const binary = await socket.next((f) => f.type === 'error' && f.error.message.includes('text'));
    expect(binary.error.code).toBe('ST_ERR_UNKNOWN_FRAME');
    socket.send({ type: 'ping', id: 9 });
    await socket.next((f) => f.type === 'ack' && f.id === 9);
    await socket.close();
  });

  it('closes with 4400 after a frame larger than the limit', async () => {
    const socket = TestSocket.open(proxy.url, { token: carol.token });
    await socket.hello();
    socket.send({ type: 'ping', pad: 'x'.repeat(LIMITS.wsFrameBytes) });
    const error = await socket.next((f) => f.type === 'error');
    expect(error.error.code).toBe('ST_ERR_FRAME_TOO_LARGE');
    expect((await socket.closed).code).toBe(4400);
  });

  it('closes with 4429 when a client floods frames', async () => {
    const socket = TestSocket.open(proxy.url, { token: carol.token });
    await socket.hello();
    for (let i = 0; i < LIMITS.wsFrameBurst * 3; i++) socket.send({ type: 'ping' });
    expect((await socket.closed).code).toBe(4429);
  });
});

describe('refusals', () => {
  it('closes with 4401 for an unknown token and without credentials', async () => {
    for (const options of [{ token: 'nope' }, {}, { cookie: 'st_session=nope' }]) {
      const socket = TestSocket.open(proxy.url, options);
      expect((await socket.closed).code).toBe(4401);
      expect(socket.frames).toEqual([]);
    }
  });

  it('closes with 4403 for an origin that is not allowed, before any event', async () => {
    const socket = TestSocket.open(proxy.url, { token: alice.token, origin: 'https://evil.example' });
    expect((await socket.closed).code).toBe(4403);
    expect(socket.frames).toEqual([]);
  });

  it('accepts a listed origin and its own origin', async () => {
    for (const origin of ['https://intranet.example', proxy.url]) {
      const socket = TestSocket.open(proxy.url, { token: alice.token, origin });
      await socket.hello();
      await socket.close();
    }
  });

  it('closes with 4400 for a malformed query', async () => {
    const socket = TestSocket.open(proxy.url, { token: alice.token, stream: 'x', since: -1 });
    expect((await socket.closed).code).toBe(4400);
  });
});

describe('heartbeat', () => {
  it('sends a ping when it has sent nothing for a heartbeat', async () => {
    const fast = await startTestProxy({ heartbeatMs: 100 });
    try {
      const dave = await login(fast.url, 'dave');
      const socket = TestSocket.open(fast.url, { token: dave.token });
      expect((await socket.hello()).heartbeatMs).toBe(100);
      await socket.next((f) => f.type === 'ping');
      await socket.close();
    } finally {
      await fast.close();
    }
  });
});
