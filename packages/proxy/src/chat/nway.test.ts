/** N-way conversations: membership, invitations, leaving, topics, upgrades and who may see what. */
import { type ConversationSummary, LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { startTestProxy } from '../testing.ts';
import { type Answer, codeOf, Person } from './chat-test-support.ts';

let proxy: RunningProxy;
let alice: Person;
let bob: Person;
let carol: Person;
let dave: Person;
beforeAll(async () => {
  proxy = await startTestProxy();
  [alice, bob, carol, dave] = (await Promise.all(
    ['alice', 'bob', 'carol', 'dave'].map((id) => Person.login(proxy.url, id)),
  )) as [Person, Person, Person, Person];
  for (const person of [alice, bob, carol, dave]) await person.connect();
});
afterAll(async () => {
  for (const person of [alice, bob, carol, dave]) await person.disconnect();
  await proxy.close();
});

type One = Answer<{ conversation: ConversationSummary }>;

async function start(by: Person, participants: string[], topic?: string): Promise<ConversationSummary> {
  const answer: One = await by.call('POST', '/conversations', { participants, ...(topic ? { topic } : {}) });
  expect(answer.status).toBe(201);
  return answer.body.conversation;
}

describe('an N-way conversation', () => {
  it('invites the others, who may read and post, and posting joins', async () => {
    const conversation = await start(alice, ['bob', 'carol'], 'Release plan');
    expect(conversation).toMatchObject({ kind: 'nway', topic: 'Release plan', createdBy: { id: 'alice' } });
    expect(conversation.participants.map((p) => [p.id, p.state])).toEqual([
      ['alice', 'joined'],
      ['bob', 'invited'],
      ['carol', 'invited'],
    ]);
    const invitation = await bob.event('invitation', (f) => f.conversation.id === conversation.id);
    expect(invitation.from.id).toBe('alice');
    expect(invitation.conversation.topic).toBe('Release plan');
    await alice.event('conversation', (f) => f.change === 'created' && f.conversation.id === conversation.id);

    expect((await carol.send(conversation.id, 'count me in')).status).toBe(201);
    const joined = await alice.event(
      'conversation',
      (f) => f.change === 'joined' && f.conversation.id === conversation.id,
    );
    expect(joined.people).toEqual([{ id: 'carol', displayName: expect.any(String) }]);
    await bob.event('message', (f) => f.message.text === 'count me in');

    const accepted: One = await bob.call('PUT', `/conversations/${conversation.id}/participants/me`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.conversation.participants.every((p) => p.state === 'joined')).toBe(true);
  });

  it('lets only participants read, post, list members, type, mark or invite: others get 404', async () => {
    const conversation = await start(alice, ['bob']);
    const id = conversation.id;
    await alice.send(id, 'between us');
    const attempts: [string, string, unknown?][] = [
      ['GET', `/conversations/${id}`],
      ['GET', `/conversations/${id}/messages`],
      ['POST', `/conversations/${id}/messages`, { text: 'let me in' }],
      ['POST', `/conversations/${id}/participants`, { ids: ['dave'] }],
      ['PUT', `/conversations/${id}/participants/me`],
      ['DELETE', `/conversations/${id}/participants/me`],
      ['PATCH', `/conversations/${id}`, { topic: 'mine now' }],
      ['POST', `/conversations/${id}/typing`, { typing: true }],
      ['POST', `/conversations/${id}/read`, { seq: 1 }],
      ['POST', `/conversations/${id}/delivered`, { seq: 1 }],
    ];
    const unknownId = 'nw_AAAAAAAAAAAAAAAAAAAAAAAA';
    for (const [method, path, body] of attempts) {
      const outsider = await dave.call(method, path, body);
      const missing = await dave.call(method, path.replace(id, unknownId), body);
      expect(outsider.status, `${method} ${path}`).toBe(404);
      expect(codeOf(outsider)).toBe('ST_ERR_CONVERSATION_NOT_FOUND');
      // Exactly what an id that does not exist answers: nothing tells the two apart.
      expect(outsider.body).toEqual(missing.body);
    }
    const list = await dave.call<{ conversations: ConversationSummary[] }>('GET', '/conversations');
    expect(list.body.conversations.map((c) => c.id)).not.toContain(id);
    expect(dave.events('message').some((f) => f.message.conversationId === id)).toBe(false);
    const history = await alice.call<{ messages: { text: string }[] }>(
      'GET',
      `/conversations/${id}/messages`,
    );
    expect(history.body.messages.map((m) => m.text)).toEqual(['between us']);
    expect(codeOf(await dave.call('GET', '/conversations/not-an-id'))).toBe('ST_ERR_VALIDATION');
  });

  it('shows invited people the messages from their invitation on', async () => {
    const conversation = await start(alice, ['bob']);
    await alice.send(conversation.id, 'before carol');
    const invited: One = await bob.call('POST', `/conversations/${conversation.id}/participants`, {
      ids: ['carol', 'alice'],
    });
    expect(invited.body.conversation.participants.map((p) => p.id)).toEqual(['alice', 'bob', 'carol']);
    const notice = await alice.event(
      'conversation',
      (f) => f.change === 'invited' && f.conversation.id === conversation.id,
    );
    expect(notice.people.map((p: { id: string }) => p.id)).toEqual(['carol']);
    expect(notice.by.id).toBe('bob');
    await carol.event('invitation', (f) => f.conversation.id === conversation.id && f.from.id === 'bob');
    await alice.send(conversation.id, 'after carol');
    const seen = await carol.call<{ messages: { text: string }[] }>(
      'GET',
      `/conversations/${conversation.id}/messages`,
    );
    expect(seen.body.messages.map((m) => m.text)).toEqual(['after carol']);
  });

  it('tells the others when someone leaves or declines, and then it is gone for them', async () => {
    const conversation = await start(alice, ['bob', 'carol']);
    const id = conversation.id;
    expect((await carol.call('DELETE', `/conversations/${id}/participants/me`)).status).toBe(204);
    const declined = await alice.event(
      'conversation',
      (f) => f.change === 'declined' && f.conversation.id === id,
    );
    expect(declined.people[0].id).toBe('carol');
    expect(declined.conversation.participants.map((p: { id: string }) => p.id)).toEqual(['alice', 'bob']);

    await bob.call('PUT', `/conversations/${id}/participants/me`);
    expect((await bob.call('DELETE', `/conversations/${id}/participants/me`)).status).toBe(204);
    await alice.event('conversation', (f) => f.change === 'left' && f.conversation.id === id);
    expect((await bob.call('GET', `/conversations/${id}`)).status).toBe(404);
    expect((await bob.send(id, 'still here?')).status).toBe(404);
  });

  it('has a topic any participant may change, and a 1:1 has none', async () => {
    const conversation = await start(alice, ['bob']);
    const changed: One = await bob.call('PATCH', `/conversations/${conversation.id}`, {
      topic: '  Launch  ',
    });
    expect(changed.body.conversation.topic).toBe('Launch');
    const event = await alice.event(
      'conversation',
      (f) => f.change === 'topic' && f.conversation.topic === 'Launch',
    );
    expect(event.by.id).toBe('bob');
    const cleared: One = await alice.call('PATCH', `/conversations/${conversation.id}`, { topic: null });
    expect(cleared.body.conversation.topic).toBeNull();
    const im = await alice.openIm('bob');
    expect(codeOf(await alice.call('PATCH', `/conversations/${im.id}`, { topic: 'x' }))).toBe(
      'ST_ERR_CONVERSATION_KIND',
    );
    expect(codeOf(await alice.call('POST', `/conversations/${im.id}/participants`, { ids: ['carol'] }))).toBe(
      'ST_ERR_CONVERSATION_KIND',
    );
    expect(codeOf(await alice.call('DELETE', `/conversations/${im.id}/participants/me`))).toBe(
      'ST_ERR_CONVERSATION_KIND',
    );
  });

  it('upgrades a 1:1 into a new N-way one, leaving its history where it was', async () => {
    const im = await alice.openIm('bob');
    await alice.send(im.id, 'just us two');
    // The 1:1's other person comes along without being named.
    const upgraded: One = await alice.call('POST', '/conversations', {
      participants: ['carol'],
      upgradedFrom: im.id,
    });
    expect(upgraded.status).toBe(201);
    expect(upgraded.body.conversation.participants.map((p) => p.id).sort()).toEqual([
      'alice',
      'bob',
      'carol',
    ]);
    expect(upgraded.body.conversation.upgradedFrom).toBe(im.id);
    expect(upgraded.body.conversation.lastSeq).toBe(0);
    const old = await bob.call<{ messages: { text: string }[] }>('GET', `/conversations/${im.id}/messages`);
    expect(old.body.messages.map((m) => m.text)).toContain('just us two');
    // Only a 1:1 the caller takes part in can be upgraded.
    const notMine = await dave.call('POST', '/conversations', {
      participants: ['carol'],
      upgradedFrom: im.id,
    });
    expect(codeOf(notMine)).toBe('ST_ERR_CONVERSATION_NOT_FOUND');
  });

  it('refuses unknown people, nobody but oneself, and more than the participant limit', async () => {
    const unknown = await alice.call('POST', '/conversations', { participants: ['bob', 'no-such-person'] });
    expect(unknown.status).toBe(404);
    expect(codeOf(unknown)).toBe('ST_ERR_USER_NOT_FOUND');
    expect(codeOf(await alice.call('POST', '/conversations', { participants: ['alice'] }))).toBe(
      'ST_ERR_VALIDATION',
    );
    const tooMany = Array.from({ length: LIMITS.conversationParticipants }, (_, i) => `p${i}`);
    expect((await alice.call('POST', '/conversations', { participants: tooMany })).status).toBe(400);
  });

  it('treats someone whose privacy list hides them from the caller as unknown', async () => {
    const ivan = await Person.login(proxy.url, 'ivan');
    const judy = await Person.login(proxy.url, 'judy');
    const hidden = await ivan.call('PUT', '/me/privacy', { mode: 'everybody-except', people: ['judy'] });
    expect(hidden.status).toBe(200);
    for (const [method, path, body] of [
      ['PUT', '/conversations/im/ivan', undefined],
      ['POST', '/conversations', { participants: ['ivan'] }],
      ['POST', '/announcements', { to: ['ivan'], text: 'hi' }],
    ] as const) {
      const answer = await judy.call(method, path, body);
      expect(codeOf(answer), `${method} ${path}`).toBe('ST_ERR_USER_NOT_FOUND');
    }
    // Ivan may still write to judy, and she may answer in that conversation.
    const im = await ivan.openIm('judy');
    expect((await ivan.send(im.id, 'hello judy')).status).toBe(201);
    expect((await judy.send(im.id, 'hello whoever you are')).status).toBe(201);
  });

  it('lists mine, most recently active first, with unread counts, paged by cursor', async () => {
    const erin = await Person.login(proxy.url, 'erin');
    const first = await start(erin, ['frank']);
    const second = await start(erin, ['grace']);
    await erin.send(first.id, 'bump');
    const frank = await Person.login(proxy.url, 'frank');
    await frank.send(first.id, 'hi erin');
    type Page = { conversations: ConversationSummary[]; next: string | null };
    const page1 = await erin.call<Page>('GET', '/conversations?limit=1');
    expect(page1.body.conversations.map((c) => c.id)).toEqual([first.id]);
    expect(page1.body.conversations[0]!.unread).toBe(1);
    expect(page1.body.conversations[0]!.lastMessage?.text).toBe('hi erin');
    const page2 = await erin.call<Page>('GET', `/conversations?limit=1&before=${page1.body.next}`);
    expect(page2.body.conversations.map((c) => c.id)).toEqual([second.id]);
    expect(page2.body.next).toBeNull();
    expect(codeOf(await erin.call('GET', '/conversations?before=garbage'))).toBe('ST_ERR_VALIDATION');
    // A 1:1 someone else opened shows in my list only once something was said in it.
    const fromHeidi = await (await Person.login(proxy.url, 'heidi')).openIm('erin');
    const listed = async () =>
      (await erin.call<Page>('GET', '/conversations')).body.conversations.map((c) => c.id);
    expect(await listed()).not.toContain(fromHeidi.id);
    expect((await erin.call('GET', `/conversations/${fromHeidi.id}`)).status).toBe(200);
    await erin.send(fromHeidi.id, 'hi heidi');
    expect(await listed()).toContain(fromHeidi.id);
  });
});
