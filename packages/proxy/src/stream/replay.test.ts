import { LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { login, request, type TestSession, TestSocket } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
let alice: TestSession;
let bob: TestSession;
beforeAll(async () => {
  proxy = await startTestProxy();
  [alice, bob] = await Promise.all([login(proxy.url, 'alice'), login(proxy.url, 'bob')]);
});
afterAll(() => proxy.close());

async function setStatus(session: TestSession, status: string, message = ''): Promise<void> {
  const response = await request(proxy.url, '/api/v1/me/status', {
    method: 'PUT',
    token: session.token,
    json: { status, message },
  });
  expect(response.status).toBe(204);
}

describe('replay after a reconnect', () => {
  it('replays the events missed while away and says recovered: true', async () => {
    const first = TestSocket.open(proxy.url, { token: alice.token });
    const hello = await first.hello();
    first.send({ type: 'watch', id: 1, add: ['bob'] });
    await first.next((f) => f.type === 'ack');
    const lastSeen = Math.max(...first.frames.filter((f) => f.seq).map((f) => f.seq as number));
    await first.drop();

    await setStatus(bob, 'away', 'one');
    await setStatus(bob, 'dnd', 'two');
    // The changes reach the detached stream's buffer on the next turn; a watcher of our own tells when.
    const probe = TestSocket.open(proxy.url, { token: bob.token });
    await probe.presence('bob', 'dnd');

    const second = TestSocket.open(proxy.url, {
      token: alice.token,
      stream: hello.streamId,
      since: lastSeen,
    });
    const resumed = await second.hello();
    expect(resumed).toMatchObject({ streamId: hello.streamId, recovered: true, seq: lastSeen + 2 });
    const replayed = await second.presence('bob', 'dnd');
    const events = second.frames.filter((f) => f.type === 'presence');
    expect(events.map((e) => e.seq)).toEqual([lastSeen + 1, lastSeen + 2]);
    expect(events[0]!.presence[0]).toMatchObject({ userId: 'bob', status: 'away', message: 'one' });
    expect(replayed.presence[0]).toMatchObject({ userId: 'bob', status: 'dnd', message: 'two' });
    // The stream kept its watch list: later changes keep coming.
    await setStatus(bob, 'available');
    const live = await second.presence('bob', 'available');
    expect(live.seq).toBe(lastSeen + 3);
    await Promise.all([second, probe].map((s) => s.close()));
  });

  it('starts a new stream for an unknown stream id', async () => {
    const socket = TestSocket.open(proxy.url, { token: alice.token, stream: 'no-such-stream', since: 3 });
    const hello = await socket.hello();
    expect(hello.recovered).toBe(false);
    expect(hello.streamId).not.toBe('no-such-stream');
    expect(hello.seq).toBe(0);
    await socket.close();
  });

  it("starts a new stream when since is ahead of the stream, or the stream is another login's", async () => {
    const first = TestSocket.open(proxy.url, { token: alice.token });
    const hello = await first.hello();
    await first.next((f) => f.type === 'presence');
    await first.close();
    const ahead = TestSocket.open(proxy.url, { token: alice.token, stream: hello.streamId, since: 50 });
    expect((await ahead.hello()).recovered).toBe(false);
    await ahead.close();
    const other = TestSocket.open(proxy.url, { token: bob.token, stream: hello.streamId, since: 0 });
    const otherHello = await other.hello();
    expect(otherHello.recovered).toBe(false);
    expect(otherHello.streamId).not.toBe(hello.streamId);
    await other.close();
  });

  it('says recovered: false once the missed events outgrew the replay buffer', async () => {
    const first = TestSocket.open(proxy.url, { token: bob.token });
    const hello = await first.hello();
    await first.next((f) => f.type === 'presence');
    await first.drop();
    // Each watch answers one event; over HTTP, so the stream need not be connected.
    for (let i = 0; i < LIMITS.replayEvents + 1; i++) {
      const response = await request(proxy.url, '/api/v1/watch', {
        method: 'POST',
        token: bob.token,
        json: { stream: hello.streamId, add: ['carol'] },
      });
      expect(response.status).toBe(200);
    }
    const late = TestSocket.open(proxy.url, { token: bob.token, stream: hello.streamId, since: 1 });
    const second = await late.hello();
    expect(second.recovered).toBe(false);
    expect(second.seq).toBe(0);
    await late.close();
  });
});
