/** 1:1 messages over a real proxy and SQLite: sending, idempotency, limits, history, receipts, typing. */
import { type ConversationSummary, LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { startTestProxy } from '../testing.ts';
import { codeOf, Person } from './chat-test-support.ts';

let proxy: RunningProxy;
let alice: Person;
let bob: Person;
let im: ConversationSummary;
beforeAll(async () => {
  proxy = await startTestProxy();
  alice = await Person.login(proxy.url, 'alice');
  bob = await Person.login(proxy.url, 'bob');
  await alice.connect();
  await bob.connect();
  im = await alice.openIm('bob');
});
afterAll(async () => {
  await alice.disconnect();
  await bob.disconnect();
  await proxy.close();
});

describe('a 1:1 conversation', () => {
  it('is the same one for both people, however often it is opened', async () => {
    const again = await alice.call<{ conversation: ConversationSummary }>('PUT', '/conversations/im/bob');
    expect(again.status).toBe(200);
    expect(again.body.conversation.id).toBe(im.id);
    const fromBob = await bob.openIm('alice');
    expect(fromBob.id).toBe(im.id);
    expect(fromBob.kind).toBe('im');
    expect(fromBob.participants.map((p) => p.id).sort()).toEqual(['alice', 'bob']);
    expect((await bob.call('GET', '/conversations/im/alice')).status).toBe(200);
  });

  it('is not found before either person opened it, and needs someone else', async () => {
    const carol = await Person.login(proxy.url, 'carol');
    const missing = await carol.call('GET', '/conversations/im/dave');
    expect(missing.status).toBe(404);
    expect(codeOf(missing)).toBe('ST_ERR_CONVERSATION_NOT_FOUND');
    expect(codeOf(await carol.call('PUT', '/conversations/im/carol'))).toBe('ST_ERR_VALIDATION');
    expect(codeOf(await carol.call('PUT', '/conversations/im/nobody-here'))).toBe('ST_ERR_USER_NOT_FOUND');
  });
});

describe('sending', () => {
  it('answers 201 with the stored message, which reaches both people as an event', async () => {
    const sent = await alice.send(im.id, 'Hello <b>Bob</b>', 'c-1');
    expect(sent.status).toBe(201);
    const message = sent.body.message;
    expect(message).toMatchObject({
      conversationId: im.id,
      from: { id: 'alice', displayName: expect.any(String) },
      text: 'Hello <b>Bob</b>',
      clientId: 'c-1',
      seq: expect.any(Number),
    });
    expect(message.id).toBe(`${im.id}.${message.seq}`);
    const atBob = await bob.event('message', (f) => f.message.id === message.id);
    expect(atBob.message).toEqual(message);
    expect(atBob.offline).toBeUndefined();
    // The sender's own stream hears it too (other tabs follow).
    await alice.event('message', (f) => f.message.id === message.id);
  });

  it('stores a retried send once: the same clientId answers the stored message with 200', async () => {
    const first = await bob.send(im.id, 'only once', 'retry-7');
    const [second, third] = await Promise.all([
      bob.send(im.id, 'only once', 'retry-7'),
      bob.send(im.id, 'a different text changes nothing', 'retry-7'),
    ]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(third.status).toBe(200);
    expect(second.body.message).toEqual(first.body.message);
    expect(third.body.message).toEqual(first.body.message);
    const history = await alice.call<{ messages: { clientId: string | null }[] }>(
      'GET',
      `/conversations/${im.id}/messages?limit=200`,
    );
    expect(history.body.messages.filter((m) => m.clientId === 'retry-7')).toHaveLength(1);
    // The same clientId from the other person is a message of its own.
    expect((await alice.send(im.id, 'mine', 'retry-7')).status).toBe(201);
  });

  it(`takes ${LIMITS.messageLength} characters, counting code points, and refuses one more`, async () => {
    const longest = '😀'.repeat(LIMITS.messageLength);
    expect((await alice.send(im.id, longest)).status).toBe(201);
    const tooLong = await alice.send(im.id, `${'a'.repeat(LIMITS.messageLength)}b`);
    expect(tooLong.status).toBe(400);
    expect(codeOf(tooLong)).toBe('ST_ERR_MESSAGE_TOO_LONG');
  });

  it('refuses an empty or blank message and a bad client id as validation errors', async () => {
    for (const body of [{ text: '' }, { text: '  \n ' }, { text: 'x', clientId: 'has space' }, {}]) {
      const answer = await alice.call('POST', `/conversations/${im.id}/messages`, body);
      expect(answer.status).toBe(400);
      expect(codeOf(answer)).toBe('ST_ERR_VALIDATION');
    }
  });
});

describe('history', () => {
  it('pages back by seq, oldest first within a page, and forward with after', async () => {
    const carol = await Person.login(proxy.url, 'carol');
    const conversation = await carol.openIm('dave');
    for (let i = 1; i <= 7; i++) expect((await carol.send(conversation.id, `m${i}`)).status).toBe(201);
    type Page = { messages: { seq: number; text: string }[]; hasMore: boolean };
    const path = `/conversations/${conversation.id}/messages`;
    const newest = await carol.call<Page>('GET', `${path}?limit=3`);
    expect(newest.body.messages.map((m) => m.text)).toEqual(['m5', 'm6', 'm7']);
    expect(newest.body.hasMore).toBe(true);
    const older = await carol.call<Page>('GET', `${path}?limit=3&before=${newest.body.messages[0]!.seq}`);
    expect(older.body.messages.map((m) => m.text)).toEqual(['m2', 'm3', 'm4']);
    const oldest = await carol.call<Page>('GET', `${path}?limit=3&before=${older.body.messages[0]!.seq}`);
    expect(oldest.body).toEqual({ messages: [expect.objectContaining({ text: 'm1' })], hasMore: false });
    const after = await carol.call<Page>('GET', `${path}?after=5&limit=10`);
    expect(after.body.messages.map((m) => m.seq)).toEqual([6, 7]);
    expect(after.body.hasMore).toBe(false);
    expect(codeOf(await carol.call('GET', `${path}?after=1&before=3`))).toBe('ST_ERR_VALIDATION');
    expect(codeOf(await carol.call('GET', `${path}?limit=${LIMITS.historyPageMax + 1}`))).toBe(
      'ST_ERR_VALIDATION',
    );
  });
});

describe('receipts', () => {
  it('move forward only, and every participant hears where they stand', async () => {
    const sent = await alice.send(im.id, 'did you get this?');
    const seq = sent.body.message.seq as number;
    const from = alice.socket!.frames.length;
    expect((await bob.call('POST', `/conversations/${im.id}/delivered`, { seq })).status).toBe(204);
    const delivered = await alice.event('receipt', (f) => f.userId === 'bob', from);
    expect(delivered).toMatchObject({
      conversationId: im.id,
      deliveredSeq: seq,
      readSeq: expect.any(Number),
    });
    expect(delivered.readSeq).toBeLessThan(seq);

    expect((await bob.call('POST', `/conversations/${im.id}/read`, { seq })).status).toBe(204);
    const read = await alice.event('receipt', (f) => f.userId === 'bob' && f.readSeq === seq, from);
    expect(read.deliveredSeq).toBe(seq);

    // Going back changes nothing; a seq past the last message stops at the last message.
    await bob.call('POST', `/conversations/${im.id}/read`, { seq: 1 });
    await bob.call('POST', `/conversations/${im.id}/read`, { seq: seq + 1000 });
    const after = await alice.call<{ conversation: ConversationSummary }>('GET', `/conversations/${im.id}`);
    expect(after.body.conversation.participants.find((p) => p.id === 'bob')).toMatchObject({
      readSeq: seq,
      deliveredSeq: seq,
    });
  });

  it('count what is unread for each reader', async () => {
    const before = (await bob.call<{ conversation: ConversationSummary }>('GET', `/conversations/${im.id}`))
      .body.conversation;
    await alice.send(im.id, 'one');
    const two = await alice.send(im.id, 'two');
    const after = (await bob.call<{ conversation: ConversationSummary }>('GET', `/conversations/${im.id}`))
      .body.conversation;
    expect(after.unread).toBe(before.unread + 2);
    expect(after.lastMessage?.text).toBe('two');
    await bob.call('POST', `/conversations/${im.id}/read`, { seq: two.body.message.seq });
    const read = (await bob.call<{ conversation: ConversationSummary }>('GET', `/conversations/${im.id}`))
      .body.conversation;
    expect(read.unread).toBe(0);
    // The sender's own messages are never unread for them.
    const mine = (await alice.call<{ conversation: ConversationSummary }>('GET', `/conversations/${im.id}`))
      .body.conversation;
    expect(mine.unread).toBe(0);
  });
});

describe('the OpenAPI document', () => {
  it('describes sending with its answers and chat errors', async () => {
    const doc = await (await fetch(`${proxy.url}/api/v1/openapi.json`)).json();
    const send = doc.paths['/api/v1/conversations/{id}/messages'].post;
    expect(send.tags).toEqual(['chat']);
    expect(send.responses['201'].content['application/json'].schema.properties.message).toBeDefined();
    expect(send.responses['400']['x-st-error-codes']).toContain('ST_ERR_MESSAGE_TOO_LONG');
    expect(send.responses['404']['x-st-error-codes']).toEqual(['ST_ERR_CONVERSATION_NOT_FOUND']);
    expect(send.responses['429']['x-st-error-codes']).toEqual(['ST_ERR_RATE_LIMITED']);
  });
});

describe('typing', () => {
  it('reaches the other person with a ttl, throttled, and stops', async () => {
    const from = bob.socket!.frames.length;
    for (let i = 0; i < 5; i++) {
      expect((await alice.call('POST', `/conversations/${im.id}/typing`, { typing: true })).status).toBe(204);
    }
    await alice.call('POST', `/conversations/${im.id}/typing`, { typing: false });
    const stopped = await bob.event('typing', (f) => f.typing === false, from);
    const started = bob.socket!.frames.slice(from).filter((f) => f.type === 'typing' && f.typing === true);
    // Five reports within the throttle window are one event.
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ conversationId: im.id, userId: 'alice', ttlMs: LIMITS.typingTtlMs });
    expect(stopped).toMatchObject({ conversationId: im.id, userId: 'alice' });
    // The typist's own stream is not told.
    expect(alice.events('typing')).toHaveLength(0);
  });
});
