/**
 * Privacy must not cost the presence fan-out its serialize-once path: a change of a person is
 * turned into JSON once, however many streams watch them, with or without a privacy list.
 */
import type { Presence } from '@st/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { login, request, type TestSession, TestSocket } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

const WATCHERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];

let proxy: RunningProxy;
let sockets: TestSocket[];
let watchers: TestSession[];
beforeAll(async () => {
  proxy = await startTestProxy();
  // Two logins and streams per watcher: sixteen streams watching judy.
  watchers = await Promise.all([...WATCHERS, ...WATCHERS].map((id) => login(proxy.url, id)));
  sockets = watchers.map((w) => TestSocket.open(proxy.url, { token: w.token }));
  await Promise.all(sockets.map((s) => s.hello()));
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await proxy.close();
});

function isPresenceOf(userId: string) {
  return (value: unknown): boolean =>
    typeof value === 'object' && value !== null && (value as Presence).userId === userId && 'status' in value;
}

/** Counts JSON.stringify calls on a presence of `userId` while `action` runs. */
async function serializationsOf(userId: string, action: () => Promise<void>): Promise<number> {
  const stringify = vi.spyOn(JSON, 'stringify');
  try {
    await action();
    return stringify.mock.calls.filter(([value]) => isPresenceOf(userId)(value)).length;
  } finally {
    stringify.mockRestore();
  }
}

async function setStatus(who: TestSession, status: string): Promise<void> {
  const response = await request(proxy.url, '/api/v1/me/status', {
    method: 'PUT',
    token: who.token,
    json: { status },
  });
  expect(response.status).toBe(204);
}

describe('the presence fan-out', () => {
  it('serializes a change once for every stream watching a person without a privacy list', async () => {
    const judy = await login(proxy.url, 'judy');
    for (const [i, s] of sockets.entries()) s.send({ type: 'watch', id: 100 + i, add: ['judy'] });
    await Promise.all(sockets.map((s) => s.presence('judy', 'available')));
    const marks = sockets.map((s) => s.frames.length);

    const count = await serializationsOf('judy', async () => {
      await setStatus(judy, 'away');
      await Promise.all(sockets.map((s, i) => s.presence('judy', 'away', marks[i])));
    });
    expect(count).toBe(1);
    // Every stream got the very same presence.
    const seen = sockets.map((s, i) => s.frames.slice(marks[i]).find((f) => f.type === 'presence')?.presence);
    expect(new Set(seen.map((p) => JSON.stringify(p))).size).toBe(1);
  });

  it('still serializes once when the person has a restrictive list, sending only to those allowed', async () => {
    const kenji = await login(proxy.url, 'kenji');
    for (const [i, s] of sockets.entries()) s.send({ type: 'watch', id: 200 + i, add: ['kenji'] });
    await Promise.all(sockets.map((s) => s.presence('kenji', 'available')));
    const listed = await request(proxy.url, '/api/v1/me/privacy', {
      method: 'PUT',
      token: kenji.token,
      json: { mode: 'everybody-except', people: ['alice', 'bob'] },
    });
    expect(listed.status).toBe(200);
    const hiddenFrom = sockets.filter((_, i) => ['alice', 'bob'].includes(watchers[i]!.userId));
    const shownTo = sockets.filter((_, i) => !['alice', 'bob'].includes(watchers[i]!.userId));
    await Promise.all(hiddenFrom.map((s) => s.presence('kenji', 'offline')));
    const marks = new Map(sockets.map((s) => [s, s.frames.length]));

    const count = await serializationsOf('kenji', async () => {
      await setStatus(kenji, 'dnd');
      await Promise.all(shownTo.map((s) => s.presence('kenji', 'dnd', marks.get(s))));
    });
    expect(count).toBe(1);
    // The streams it hides from answer a later ping with nothing about kenji before it.
    for (const socket of hiddenFrom) {
      socket.send({ type: 'ping', id: 999 });
      await socket.next((f) => f.type === 'ack' && f.id === 999, marks.get(socket));
      const about = socket.frames
        .slice(marks.get(socket))
        .filter((f) => f.type === 'presence' && f.presence.some(isPresenceOf('kenji')));
      expect(about).toEqual([]);
    }
  });
});
