import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import {
  connectedStreams,
  login,
  presenceOf,
  type TestSession,
  TestSocket,
  waitFor,
} from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
let observer: TestSession;
beforeAll(async () => {
  proxy = await startTestProxy({ graceSeconds: 1 });
  observer = await login(proxy.url, 'alice');
});
afterAll(() => proxy.close());

async function watch(userId: string): Promise<TestSocket> {
  const socket = TestSocket.open(proxy.url, { token: observer.token });
  await socket.hello();
  socket.send({ type: 'watch', id: 1, add: [userId] });
  await socket.next((f) => f.type === 'ack');
  return socket;
}

describe('grace period', () => {
  it('keeps a person online while a dropped stream is within grace, then offline', async () => {
    const bob = await login(proxy.url, 'bob');
    const socket = TestSocket.open(proxy.url, { token: bob.token });
    await socket.hello();
    const watcher = await watch('bob');
    await watcher.presence('bob', 'available');
    // Let the login's own last request fall out of the grace period, so only the stream keeps bob online.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const connected = await connectedStreams(proxy.url, 'websocket');
    await socket.drop();
    await waitFor(async () => (await connectedStreams(proxy.url, 'websocket')) === connected - 1);
    // The proxy has seen the drop, and the person is still online: the stream is within grace.
    expect((await presenceOf(proxy.url, observer, ['bob']))[0]?.status).toBe('available');
    await watcher.presence('bob', 'offline');
    await watcher.close();
  });

  it('does not flap when the stream resumes within grace', async () => {
    const carol = await login(proxy.url, 'carol');
    const first = TestSocket.open(proxy.url, { token: carol.token });
    const hello = await first.hello();
    await first.next((f) => f.type === 'presence');
    const watcher = await watch('carol');
    await watcher.presence('carol', 'available');
    const connected = await connectedStreams(proxy.url, 'websocket');
    await first.drop();
    await waitFor(async () => (await connectedStreams(proxy.url, 'websocket')) === connected - 1);
    const second = TestSocket.open(proxy.url, { token: carol.token, stream: hello.streamId, since: 1 });
    expect((await second.hello()).recovered).toBe(true);
    // A change after the reconnect: by the time the watcher sees it, any flap would have arrived first.
    second.send({ type: 'activity', idle: true });
    await watcher.presence('carol', 'not-using');
    const statuses = watcher.frames
      .filter((f) => f.type === 'presence')
      .flatMap((f) => f.presence)
      .filter((p) => p.userId === 'carol')
      .map((p) => p.status);
    expect(statuses).not.toContain('offline');
    await Promise.all([second, watcher].map((s) => s.close()));
  });

  it('keeps a login without a stream online for the grace period after its last request', async () => {
    const watcher = await watch('dave');
    await watcher.presence('dave', 'offline');
    await login(proxy.url, 'dave');
    await watcher.presence('dave', 'available');
    await watcher.presence('dave', 'offline', watcher.frames.length - 1);
    await watcher.close();
  });

  it('ends a stream gone longer than the grace period: resuming it starts a new one', async () => {
    const erin = await login(proxy.url, 'erin');
    const watcher = await watch('erin');
    const first = TestSocket.open(proxy.url, { token: erin.token });
    const hello = await first.hello();
    await first.next((f) => f.type === 'presence');
    await watcher.presence('erin', 'available');
    await first.drop();
    await watcher.presence('erin', 'offline');
    const again = TestSocket.open(proxy.url, { token: erin.token, stream: hello.streamId, since: 1 });
    const second = await again.hello();
    expect(second.recovered).toBe(false);
    expect(second.streamId).not.toBe(hello.streamId);
    await watcher.presence('erin', 'available', watcher.frames.length - 1);
    await Promise.all([again, watcher].map((s) => s.close()));
  });
});
