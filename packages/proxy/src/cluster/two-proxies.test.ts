/**
 * Two proxies with empty data folders sharing one real Redis and one PostgreSQL: one community,
 * whichever proxy a person's requests and streams reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Person } from '../chat/chat-test-support.ts';
import type { RunningProxy } from '../server.ts';
import { login, presenceOf, request, TestSocket } from '../test-support.ts';
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

/** A socket on `base` of `token`, watching `userId`, once it has seen them as `status`. */
async function watcher(base: string, token: string, userId: string, status: string): Promise<TestSocket> {
  const socket = TestSocket.open(base, { token });
  await socket.hello();
  socket.send({ type: 'watch', id: 1, add: [userId] });
  await socket.presence(userId, status);
  return socket;
}

describe('logins across proxies', () => {
  it('accepts a token from A on B, for requests and for event streams', async () => {
    const alice = await login(a.url, 'alice');
    const answer = await request(b.url, '/api/v1/session', { token: alice.token });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { user: { id: string } }).user.id).toBe('alice');
    const socket = TestSocket.open(b.url, { token: alice.token });
    expect((await socket.hello()).userId).toBe('alice');
    await socket.close();
  });

  it('ends the login everywhere on logout: its stream on A closes, the token is refused on A', async () => {
    const dave = await login(a.url, 'dave');
    const socket = TestSocket.open(a.url, { token: dave.token });
    await socket.hello();
    const out = await request(b.url, '/api/v1/session', { method: 'DELETE', token: dave.token });
    expect(out.status).toBe(204);
    expect((await socket.closed).code).toBe(1000);
    expect((await request(a.url, '/api/v1/session', { token: dave.token })).status).toBe(401);
  });
});

describe('presence across proxies', () => {
  it('shows a status set on B to a watcher on A, and to a bulk read on A', async () => {
    const carol = await login(a.url, 'carol');
    const bob = await login(b.url, 'bob');
    const socket = await watcher(a.url, carol.token, 'bob', 'available');
    const from = socket.frames.length;
    const set = await request(b.url, '/api/v1/me/status', {
      method: 'PUT',
      token: bob.token,
      json: { status: 'away', message: 'lunch | back at 2' },
    });
    expect(set.status).toBe(204);
    const frame = await socket.presence('bob', 'away', from);
    expect(frame.presence[0]).toMatchObject({ userId: 'bob', status: 'away', message: 'lunch | back at 2' });
    expect((await presenceOf(a.url, carol, ['bob']))[0]).toMatchObject({
      status: 'away',
      message: 'lunch | back at 2',
    });
    await request(b.url, '/api/v1/me/status', {
      method: 'PUT',
      token: bob.token,
      json: { status: 'available' },
    });
    await socket.presence('bob', 'available', from);
    await socket.close();
  });

  it('merges sessions held on both proxies: a person stays online while either holds one', async () => {
    const carol = await login(a.url, 'carol');
    const socket = await watcher(a.url, carol.token, 'dave', 'offline');
    const onA = await login(a.url, 'dave', { client: 'mobile' });
    const onB = await login(b.url, 'dave');
    const streamA = TestSocket.open(a.url, { token: onA.token });
    const streamB = TestSocket.open(b.url, { token: onB.token });
    await Promise.all([streamA.hello(), streamB.hello()]);
    // Web on B and mobile on A: available, not mobile (mobile only when every session is).
    await socket.next(
      (f) =>
        f.type === 'presence' &&
        f.presence.some(
          (p: { userId: string; status: string; mobile: boolean }) =>
            p.userId === 'dave' && p.status === 'available' && !p.mobile,
        ),
    );
    const from = socket.frames.length;
    await request(b.url, '/api/v1/session', { method: 'DELETE', token: onB.token });
    await socket.presence('dave', 'available', from, true);
    await request(a.url, '/api/v1/session', { method: 'DELETE', token: onA.token });
    await socket.presence('dave', 'offline', from);
    await socket.close();
  });
});

describe('chat across proxies', () => {
  it("delivers a message sent on A to the recipient's stream on B, and typing before it", async () => {
    const alice = await Person.login(a.url, 'alice');
    const bob = await Person.login(b.url, 'bob');
    await bob.connect();
    const conversation = await alice.openIm('bob');
    const typing = await alice.call('POST', `/conversations/${conversation.id}/typing`, { typing: true });
    expect(typing.status).toBe(204);
    expect((await bob.event('typing')).userId).toBe('alice');
    const sent = await alice.send(conversation.id, 'hello from A', 'c-1');
    expect(sent.status).toBe(201);
    const event = await bob.event('message', (f) => f.message.text === 'hello from A');
    expect(event.message).toMatchObject({ conversationId: conversation.id, seq: sent.body.message.seq });
    expect(event.offline).toBeUndefined();
    await bob.disconnect();
  });

  it('carries receipts and typing from B to the sender on A', async () => {
    const alice = await Person.login(a.url, 'alice');
    const carol = await Person.login(b.url, 'carol');
    await alice.connect();
    const conversation = await alice.openIm('carol');
    const sent = await alice.send(conversation.id, 'read me', 'c-read');
    const typing = await carol.call('POST', `/conversations/${conversation.id}/typing`, { typing: true });
    expect(typing.status).toBe(204);
    expect((await alice.event('typing', (f) => f.userId === 'carol')).typing).toBe(true);
    const read = await carol.call('POST', `/conversations/${conversation.id}/read`, {
      seq: sent.body.message.seq,
    });
    expect(read.status).toBe(204);
    const receipt = await alice.event('receipt', (f) => f.userId === 'carol');
    expect(receipt).toMatchObject({ conversationId: conversation.id, readSeq: sent.body.message.seq });
    await alice.disconnect();
  });

  it('queues nothing offline for someone whose only live stream is on the other proxy', async () => {
    const alice = await Person.login(a.url, 'alice');
    const dave = await Person.login(b.url, 'dave');
    await dave.connect();
    const conversation = await alice.openIm('dave');
    await alice.send(conversation.id, 'live on B', 'c-live');
    await dave.event('message', (f) => f.message.text === 'live on B');
    // Had A thought dave offline, it would have queued the message, and his next new stream
    // (here, on A) would get it again, marked offline.
    const daveOnA = await Person.login(a.url, 'dave');
    await daveOnA.connect();
    await alice.send(conversation.id, 'to both', 'c-both');
    await daveOnA.event('message', (f) => f.message.text === 'to both');
    await dave.event('message', (f) => f.message.text === 'to both');
    expect(daveOnA.events('message').map((f) => [f.message.text, f.offline])).toEqual([
      ['to both', undefined],
    ]);
    await Promise.all([dave.disconnect(), daveOnA.disconnect()]);
  });

  it("sends the person's own events (contacts, preferences) to their streams on the other proxy", async () => {
    const carolA = await Person.login(a.url, 'carol');
    const carolB = await Person.login(b.url, 'carol');
    await carolB.connect();
    const patched = await carolA.call('PATCH', '/me/preferences', { sound: false });
    expect(patched.status).toBe(200);
    expect((await carolB.event('preferences')).preferences.sound).toBe(false);
    await carolB.disconnect();
  });
});

describe('privacy across proxies', () => {
  it('hides bob from carol on A as soon as bob hides from her on B', async () => {
    const carol = await login(a.url, 'carol');
    const bob = await login(b.url, 'bob');
    const bobStream = TestSocket.open(b.url, { token: bob.token });
    await bobStream.hello();
    const socket = await watcher(a.url, carol.token, 'bob', 'available');
    const from = socket.frames.length;
    const hidden = await request(b.url, '/api/v1/me/privacy', {
      method: 'PUT',
      token: bob.token,
      json: { mode: 'everybody-except', people: ['carol'] },
    });
    expect(hidden.status).toBe(200);
    await socket.presence('bob', 'offline', from);
    expect((await presenceOf(a.url, carol, ['bob']))[0]!.status).toBe('offline');
    // Changes carol may no longer see are not sent to her at all.
    const after = socket.frames.length;
    await request(b.url, '/api/v1/me/status', { method: 'PUT', token: bob.token, json: { status: 'dnd' } });
    const dave = await login(a.url, 'dave');
    const daveWatch = await watcher(a.url, dave.token, 'bob', 'dnd');
    expect(socket.frames.slice(after).some((f) => f.type === 'presence')).toBe(false);
    await request(b.url, '/api/v1/me/privacy', {
      method: 'PUT',
      token: bob.token,
      json: { mode: 'everybody-except', people: [] },
    });
    await socket.presence('bob', 'dnd', after);
    await Promise.all([socket.close(), daveWatch.close(), bobStream.close()]);
  });
});
