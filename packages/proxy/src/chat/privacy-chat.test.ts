/**
 * Someone who hides from a person, in a conversation with them (docs/chat.md, "Hidden people in
 * shared conversations"): the conversation is shared, so membership, messages, typing and
 * receipts show to every participant; presence, cards and being named in new requests stay
 * governed by the privacy list.
 */
import type { ConversationSummary } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { startTestProxy } from '../testing.ts';
import { codeOf, Person } from './chat-test-support.ts';

let proxy: RunningProxy;
let alice: Person;
let bob: Person;
let carol: Person;
let conversation: ConversationSummary;

beforeAll(async () => {
  proxy = await startTestProxy();
  alice = await Person.login(proxy.url, 'alice');
  bob = await Person.login(proxy.url, 'bob');
  carol = await Person.login(proxy.url, 'carol');
  // Bob hides from carol; alice, who may see both, brings them into one conversation.
  expect((await bob.call('PUT', '/me/privacy', { mode: 'everybody-except', people: ['carol'] })).status).toBe(
    200,
  );
  const started = await alice.call<{ conversation: ConversationSummary }>('POST', '/conversations', {
    participants: ['bob', 'carol'],
  });
  expect(started.status).toBe(201);
  conversation = started.body.conversation;
  for (const person of [bob, carol]) {
    expect((await person.call('PUT', `/conversations/${conversation.id}/participants/me`)).status).toBe(200);
  }
  await carol.connect();
});
afterAll(async () => {
  await carol.disconnect();
  await proxy.close();
});

describe('a person hidden from someone in a conversation they share', () => {
  it('is listed as a participant to them', async () => {
    const seen = await carol.call<{ conversation: ConversationSummary }>(
      'GET',
      `/conversations/${conversation.id}`,
    );
    expect(seen.body.conversation.participants.map((p) => p.id)).toContain('bob');
  });

  it('shows them his messages, typing and receipts there, as to every participant', async () => {
    const sent = await bob.send(conversation.id, 'hello all');
    expect(sent.status).toBe(201);
    await carol.event('message', (f) => f.message?.text === 'hello all');
    expect(
      (await bob.call('POST', `/conversations/${conversation.id}/typing`, { typing: true })).status,
    ).toBe(204);
    await carol.event('typing', (f) => f.userId === 'bob' && f.typing === true);
    // Bob reads what carol wrote: she sees his receipt.
    const hers = await carol.send(conversation.id, 'hi bob');
    const seq = (hers.body.message as { seq: number }).seq;
    expect((await bob.call('POST', `/conversations/${conversation.id}/read`, { seq })).status).toBe(204);
    await carol.event('receipt', (f) => f.userId === 'bob' && f.readSeq === seq);
  });

  it('stays hidden everywhere else: presence, card, and new conversations she would start', async () => {
    const presence = await carol.call<{ presence: { userId: string; status: string }[] }>(
      'GET',
      '/presence?users=bob',
    );
    expect(presence.body.presence[0]?.status).not.toBe('available');
    expect((await carol.call('GET', '/users/bob')).status).toBe(404);
    const im = await carol.call('PUT', '/conversations/im/bob');
    expect(codeOf(im)).toBe('ST_ERR_USER_NOT_FOUND');
    const invite = await carol.call('POST', '/conversations', { participants: ['bob'] });
    expect(codeOf(invite)).toBe('ST_ERR_USER_NOT_FOUND');
  });
});
