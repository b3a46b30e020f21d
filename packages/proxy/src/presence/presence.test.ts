import { LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, presenceOf, request, type TestSession, TestSocket } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
let observer: TestSession;
beforeAll(async () => {
  proxy = await startTestProxy();
  observer = await login(proxy.url, 'alice');
});
afterAll(() => proxy.close());

/** A socket of the observer watching `userId`, once it has seen them as `status`. */
async function watcherOf(userId: string, status: string): Promise<TestSocket> {
  const socket = TestSocket.open(proxy.url, { token: observer.token });
  await socket.hello();
  socket.send({ type: 'watch', id: 1, add: [userId] });
  await socket.presence(userId, status);
  return socket;
}

describe('GET /api/v1/presence', () => {
  it('shows a status set by PUT /me/status, in the order asked, and offline for unknown ids', async () => {
    const bob = await login(proxy.url, 'bob');
    await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: bob.token,
      json: { status: 'away', message: 'back at 3' },
    });
    expect(await presenceOf(proxy.url, observer, ['zed', 'bob', 'alice'])).toEqual([
      { userId: 'zed', status: 'offline', message: '', mobile: false },
      { userId: 'bob', status: 'away', message: 'back at 3', mobile: false },
      { userId: 'alice', status: 'available', message: '', mobile: false },
    ]);
    // Without a message the message is cleared.
    await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: bob.token,
      json: { status: 'dnd' },
    });
    expect((await presenceOf(proxy.url, observer, ['bob']))[0]).toMatchObject({ status: 'dnd', message: '' });
  });

  it('refuses statuses the server sets itself, and long messages', async () => {
    for (const json of [
      { status: 'offline' },
      { status: 'not-using' },
      { status: 'available', message: 'x'.repeat(LIMITS.statusMessageLength + 1) },
    ]) {
      const response = await request(proxy.url, '/api/v1/me/status', {
        method: 'PUT',
        token: observer.token,
        json,
      });
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('ST_ERR_VALIDATION');
    }
  });

  it('refuses more ids than the limit, and bad ids', async () => {
    const many = Array.from({ length: LIMITS.presenceIdsPerRequest + 1 }, (_, i) => `u${i}`).join(',');
    const tooMany = await request(proxy.url, `/api/v1/presence?users=${many}`, { token: observer.token });
    expect(tooMany.status).toBe(400);
    expect(await errorCode(tooMany)).toBe('ST_ERR_TOO_MANY_IDS');
    for (const query of [
      'users=',
      'users=a%20b',
      `users=${'x'.repeat(LIMITS.userIdLength + 1)}`,
      'who=bob',
      '',
    ]) {
      const response = await request(proxy.url, `/api/v1/presence?${query}`, { token: observer.token });
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('ST_ERR_VALIDATION');
    }
  });

  it('needs a login unless anonymous awareness is on', async () => {
    const response = await request(proxy.url, '/api/v1/presence?users=bob');
    expect(response.status).toBe(401);
    const open = await startTestProxy({ anonymousAwareness: true });
    try {
      const anonymous = await request(open.url, '/api/v1/presence?users=bob');
      expect(anonymous.status).toBe(200);
      // Read-only: changing a status still needs a login.
      const write = await request(open.url, '/api/v1/me/status', { method: 'PUT', json: { status: 'away' } });
      expect(write.status).toBe(401);
      const socket = TestSocket.open(open.url);
      expect((await socket.hello()).userId).toBe('');
      socket.send({ type: 'watch', id: 1, add: ['bob'] });
      await socket.presence('bob', 'offline');
      await socket.close();
      const card = await (await request(open.url, '/api/v1/users/bob')).json();
      expect(card).toEqual({ id: 'bob', displayName: 'Bob Brown', hasPhoto: true });
    } finally {
      await open.close();
    }
  });
});

describe('a person with several sessions', () => {
  it('is available when one stream is idle and another active, not-using when all are idle', async () => {
    const carol = await login(proxy.url, 'carol');
    const watcher = await watcherOf('carol', 'available');
    const tabs = [
      TestSocket.open(proxy.url, { token: carol.token }),
      TestSocket.open(proxy.url, { token: carol.token }),
    ];
    for (const tab of tabs) await tab.hello();
    tabs[0]!.send({ type: 'activity', id: 1, idle: true });
    await tabs[0]!.next((f) => f.type === 'ack');
    expect((await presenceOf(proxy.url, observer, ['carol']))[0]?.status).toBe('available');
    tabs[1]!.send({ type: 'activity', id: 1, idle: true });
    await watcher.presence('carol', 'not-using');
    // Idleness never overrides a status chosen by hand.
    await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: carol.token,
      json: { status: 'dnd' },
    });
    await watcher.presence('carol', 'dnd');
    await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: carol.token,
      json: { status: 'available' },
    });
    await watcher.presence('carol', 'not-using');
    tabs[0]!.send({ type: 'activity', idle: false });
    await watcher.presence('carol', 'available');
    await Promise.all([...tabs, watcher].map((s) => s.close()));
  });

  it('is mobile only while every live session is mobile', async () => {
    const phone = await login(proxy.url, 'dave', { client: 'mobile' });
    const watcher = await watcherOf('dave', 'available');
    expect((await presenceOf(proxy.url, observer, ['dave']))[0]?.mobile).toBe(true);
    const phoneStream = TestSocket.open(proxy.url, { token: phone.token });
    await phoneStream.presence('dave', 'available', 0, true);
    const desktop = await login(proxy.url, 'dave');
    await watcher.presence('dave', 'available', 0, false);
    await request(proxy.url, '/api/v1/session', { method: 'DELETE', token: desktop.token });
    await watcher.presence('dave', 'available', watcher.frames.length - 1, true);
    await Promise.all([phoneStream, watcher].map((s) => s.close()));
  });

  it('reports idleness through PUT /session/state for a stream or for the whole login', async () => {
    const erin = await login(proxy.url, 'erin');
    const watcher = await watcherOf('erin', 'available');
    const tab = TestSocket.open(proxy.url, { token: erin.token });
    const { streamId } = await tab.hello();
    const byStream = await request(proxy.url, '/api/v1/session/state', {
      method: 'PUT',
      token: erin.token,
      json: { idle: true, stream: streamId },
    });
    expect(byStream.status).toBe(204);
    await watcher.presence('erin', 'not-using');
    await request(proxy.url, '/api/v1/session/state', {
      method: 'PUT',
      token: erin.token,
      json: { idle: false },
    });
    await watcher.presence('erin', 'available', watcher.frames.length - 1);
    const unknownStream = await request(proxy.url, '/api/v1/session/state', {
      method: 'PUT',
      token: erin.token,
      json: { idle: true, stream: 'not-a-stream' },
    });
    expect(unknownStream.status).toBe(404);
    const empty = await request(proxy.url, '/api/v1/session/state', {
      method: 'PUT',
      token: erin.token,
      json: {},
    });
    expect(empty.status).toBe(400);
    const foreground = await request(proxy.url, '/api/v1/session/state', {
      method: 'PUT',
      token: erin.token,
      json: { foreground: false },
    });
    expect(foreground.status).toBe(204);
    await Promise.all([tab, watcher].map((s) => s.close()));
  });
});
