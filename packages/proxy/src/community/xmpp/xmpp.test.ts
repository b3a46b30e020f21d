/**
 * The proxy in front of a real Prosody (started here, on free ports): people on the proxy and a
 * person on a standard XMPP client see each other's presence, chat and typing; history keeps both
 * directions; a killed Prosody makes the proxy say so, and everything comes back with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Person } from '../../chat/chat-test-support.ts';
import type { RunningProxy } from '../../server.ts';
import { login, request, waitFor } from '../../test-support.ts';
import { startProsody, type TestProsody } from '../../testing/prosody.ts';
import { XmppPerson, xml } from '../../testing/xmpp-client.ts';
import { startTestProxy } from '../../testing.ts';

const ACCOUNTS = [
  { id: 'alice', password: 'alice-secret', name: 'Alice Archer' },
  { id: 'bob', password: 'bob-secret', name: 'Bob Baker' },
  { id: 'carol', password: 'carol-secret', name: 'Carol Cho' },
];

let prosody: TestProsody;
let proxy: RunningProxy;
let carol: XmppPerson;

async function personOnProxy(id: string): Promise<Person> {
  const password = ACCOUNTS.find((a) => a.id === id)!.password;
  const session = await login(proxy.url, id, { password });
  const person = Object.assign(Object.create(Person.prototype), { base: proxy.url, session }) as Person;
  return person;
}

function carolOnline(): Promise<XmppPerson> {
  return XmppPerson.online({
    port: prosody.port,
    domain: prosody.domain,
    id: 'carol',
    password: 'carol-secret',
  });
}

beforeAll(async () => {
  prosody = await startProsody({ accounts: ACCOUNTS });
  proxy = await startTestProxy({
    community: prosody.url,
    xmppDomain: prosody.domain,
    xmppTls: 'off',
    directory: 'xmpp',
  });
  carol = await carolOnline();
  // Bob publishes his vCard from a standard client: the proxy names him from it.
  const bob = await XmppPerson.online({
    port: prosody.port,
    domain: prosody.domain,
    id: 'bob',
    password: 'bob-secret',
  });
  await bob.client.iqCaller.request(
    xml(
      'iq',
      { type: 'set' },
      xml(
        'vCard',
        { xmlns: 'vcard-temp' },
        xml('FN', {}, 'Robert Baker'),
        xml('TITLE', {}, 'Buyer'),
        xml('EMAIL', {}, xml('INTERNET'), xml('USERID', {}, 'bob@example.test')),
      ),
    ),
  );
  await bob.stop();
});
afterAll(async () => {
  await carol?.stop();
  await proxy?.close();
  await prosody?.stop();
});

describe('logins checked by the XMPP server', () => {
  it('accepts the XMPP password and names the person from their vCard', async () => {
    const answer = await request(proxy.url, '/api/v1/session', {
      method: 'POST',
      json: { userId: 'bob', password: 'bob-secret' },
    });
    expect(answer.status).toBe(201);
    expect(((await answer.json()) as { user: unknown }).user).toEqual({
      id: 'bob',
      displayName: 'Robert Baker',
    });
    const alice = await personOnProxy('alice');
    const card = await alice.call<Record<string, unknown>>('GET', '/users/bob');
    expect(card.body).toMatchObject({
      id: 'bob',
      displayName: 'Robert Baker',
      title: 'Buyer',
      email: 'bob@example.test',
    });
    // Carol has no vCard: her name in the shared group is used.
    expect((await alice.call<Record<string, unknown>>('GET', '/users/carol')).body).toMatchObject({
      displayName: 'Carol Cho',
    });
  });

  it('refuses a wrong password', async () => {
    const answer = await request(proxy.url, '/api/v1/session', {
      method: 'POST',
      json: { userId: 'bob', password: 'not-his' },
    });
    expect(answer.status).toBe(401);
  });

  it('lists the shared group as the contact list', async () => {
    const alice = await personOnProxy('alice');
    const answer = await alice.call<{ groups: { name: string; members: { id: string }[] }[] }>(
      'GET',
      '/me/contacts',
    );
    expect(answer.status).toBe(200);
    const everyone = answer.body.groups.find((g) => g.name === 'Everyone');
    expect(everyone?.members.map((m) => m.id).sort()).toEqual(['bob', 'carol']);
  });
});

describe('presence both ways', () => {
  it('shows the XMPP client’s dnd and status message on the proxy, and the proxy’s on the XMPP client', async () => {
    const alice = await personOnProxy('alice');
    const socket = await alice.connect();
    socket.send({ type: 'watch', id: 1, add: ['carol'] });
    await socket.presence('carol', 'available');
    const from = socket.frames.length;
    await carol.send(xml('presence', {}, xml('show', {}, 'dnd'), xml('status', {}, 'Writing the report')));
    const seen = await socket.presence('carol', 'dnd', from);
    expect(seen.presence[0]).toMatchObject({ userId: 'carol', status: 'dnd', message: 'Writing the report' });

    const mark = carol.stanzas.length;
    const set = await alice.call('PUT', '/me/status', { status: 'dnd', message: 'Quarter close' });
    expect(set.status).toBe(204);
    const stanza = await carol.next(
      (s) =>
        s.is('presence') && s.attrs.from?.startsWith('alice@') === true && s.getChildText('show') === 'dnd',
      mark,
    );
    expect(stanza.getChildText('status')).toBe('Quarter close');

    const mark2 = carol.stanzas.length;
    await alice.call('PUT', '/me/status', { status: 'in-meeting', message: '' });
    const meeting = await carol.next(
      (s) =>
        s.is('presence') && s.attrs.from?.startsWith('alice@') === true && s.getChildText('show') === 'away',
      mark2,
    );
    expect(meeting.getChildText('status')).toBe('In a meeting');
    await alice.call('PUT', '/me/status', { status: 'available' });
    await carol.send(xml('presence'));
    await socket.presence('carol', 'available', from);
    await alice.disconnect();
  });
});

describe('chat both ways', () => {
  it('delivers messages, markup as text, typing both ways, and keeps both directions in history', async () => {
    const alice = await personOnProxy('alice');
    await alice.connect();
    const conversation = await alice.openIm('carol');

    // Typing on the proxy → a chat state on the XMPP client.
    let mark = carol.stanzas.length;
    expect(
      (await alice.call('POST', `/conversations/${conversation.id}/typing`, { typing: true })).status,
    ).toBe(204);
    await carol.next(
      (s) =>
        s.is('message') && s.getChild('composing', 'http://jabber.org/protocol/chatstates') !== undefined,
      mark,
    );

    // A message from the proxy, markup and all, arrives as the same text.
    mark = carol.stanzas.length;
    const markup = '<b>bold?</b> & <script>alert(1)</script>';
    expect((await alice.send(conversation.id, markup, 'c-1')).status).toBe(201);
    const got = await carol.next((s) => s.is('message') && s.getChildText('body') !== null, mark);
    expect(got.getChildText('body')).toBe(markup);
    expect(got.attrs.type).toBe('chat');

    // Typing on the XMPP client → a typing event on the proxy.
    await carol.send(
      xml(
        'message',
        { type: 'chat', to: 'alice@st.test' },
        xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' }),
      ),
    );
    await alice.event('typing', (f) => f.userId === 'carol' && f.typing === true);

    // A message from the XMPP client, markup as text.
    const reply = '<i>not italic</i> <img src=x onerror=alert(2)>';
    await carol.send(
      xml('message', { type: 'chat', to: 'alice@st.test', id: 'r-1' }, xml('body', {}, reply)),
    );
    const event = await alice.event('message', (f) => f.message.from.id === 'carol');
    expect(event.message).toMatchObject({ conversationId: conversation.id, text: reply });
    expect(event.message.from.displayName).toBe('Carol Cho');
    await alice.disconnect();

    // A reload: a new login reads both directions back.
    const again = await personOnProxy('alice');
    const history = await again.call<{ messages: { text: string; from: { id: string } }[] }>(
      'GET',
      `/conversations/${conversation.id}/messages`,
    );
    expect(history.body.messages.map((m) => [m.from.id, m.text])).toEqual([
      ['alice', markup],
      ['carol', reply],
    ]);
  });

  it('takes a message the XMPP client sent while the person was away when they come back', async () => {
    // Bob has no login yet: the server keeps the message for him.
    await carol.send(
      xml('message', { type: 'chat', to: 'bob@st.test', id: 'offline-1' }, xml('body', {}, 'are you there?')),
    );
    const bob = await personOnProxy('bob');
    await bob.connect();
    const event = await bob.event('message', (f) => f.message.from.id === 'carol');
    expect(event.message.text).toBe('are you there?');
    await bob.disconnect();
  });
});

describe('receipts and chat markers', () => {
  const MARKERS = 'urn:xmpp:chat-markers:0';

  it('maps delivery receipts and displayed markers both ways, and a read on the person’s own phone', async () => {
    const alice = await personOnProxy('alice');
    await alice.connect();
    const conversation = await alice.openIm('carol');
    let mark = carol.stanzas.length;
    const sent = await alice.send(conversation.id, 'did you get this?', 'rc-1');
    const seq = (sent.body as { message: { seq: number } }).message.seq;
    const got = await carol.next((s) => s.getChildText('body') === 'did you get this?', mark);
    expect(got.getChild('request', 'urn:xmpp:receipts')).toBeDefined();
    expect(got.getChild('markable', MARKERS)).toBeDefined();

    // The standard client's receipt (XEP-0184), then its displayed marker (XEP-0333).
    await carol.send(
      xml(
        'message',
        { to: got.attrs.from },
        xml('received', { xmlns: 'urn:xmpp:receipts', id: got.attrs.id }),
      ),
    );
    await alice.event('receipt', (f) => f.userId === 'carol' && f.deliveredSeq === seq && f.readSeq < seq);
    await carol.send(
      xml(
        'message',
        { type: 'chat', to: 'alice@st.test' },
        xml('displayed', { xmlns: MARKERS, id: got.attrs.id }),
      ),
    );
    await alice.event('receipt', (f) => f.userId === 'carol' && f.readSeq === seq);

    // Read on the proxy → a displayed marker for the standard client's message.
    await carol.send(
      xml(
        'message',
        { type: 'chat', to: 'alice@st.test', id: 'mark-me-1' },
        xml('body', {}, 'read me'),
        xml('markable', { xmlns: MARKERS }),
      ),
    );
    const incoming = await alice.event('message', (f) => f.message.text === 'read me');
    mark = carol.stanzas.length;
    expect(
      (await alice.call('POST', `/conversations/${conversation.id}/read`, { seq: incoming.message.seq }))
        .status,
    ).toBe(204);
    const marker = await carol.next((s) => s.getChild('displayed', MARKERS) !== undefined, mark);
    expect(marker.getChild('displayed', MARKERS)?.attrs.id).toBe('mark-me-1');
    expect(marker.attrs.from?.startsWith('alice@st.test/')).toBe(true);

    // Read on the person's own phone: the marker's carbon moves their read position here.
    const phone = await XmppPerson.online({
      port: prosody.port,
      domain: prosody.domain,
      id: 'alice',
      password: 'alice-secret',
      resource: 'phone',
    });
    await carol.send(
      xml('message', { type: 'chat', to: 'alice@st.test', id: 'mark-me-2' }, xml('body', {}, 'and me')),
    );
    const second = await alice.event('message', (f) => f.message.text === 'and me');
    await phone.send(
      xml(
        'message',
        { type: 'chat', to: 'carol@st.test' },
        xml('displayed', { xmlns: MARKERS, id: 'mark-me-2' }),
      ),
    );
    await alice.event('receipt', (f) => f.userId === 'alice' && f.readSeq === second.message.seq);
    await phone.stop();
    await alice.disconnect();
  });
});

describe('blocking', () => {
  it('mirrors a privacy list as the person’s XMPP blocklist (XEP-0191)', async () => {
    const alice = await personOnProxy('alice');
    const phone = await XmppPerson.online({
      port: prosody.port,
      domain: prosody.domain,
      id: 'alice',
      password: 'alice-secret',
      resource: 'phone',
    });
    const blocklist = async () => {
      const answer = await phone.client.iqCaller.request(
        xml('iq', { type: 'get' }, xml('blocklist', { xmlns: 'urn:xmpp:blocking' })),
      );
      return answer
        .getChild('blocklist', 'urn:xmpp:blocking')!
        .getChildren('item')
        .map((item) => item.attrs.jid)
        .sort();
    };
    expect(await blocklist()).toEqual([]);
    const hide = await alice.call('PUT', '/me/privacy', {
      mode: 'everybody-except',
      people: ['carol', 'bob'],
    });
    expect(hide.status).toBe(200);
    await waitFor(async () => (await blocklist()).length === 2, 50);
    expect(await blocklist()).toEqual(['bob@st.test', 'carol@st.test']);
    // The server refuses carol's messages to alice now, as the proxy would.
    const mark = carol.stanzas.length;
    await carol.send(
      xml('message', { type: 'chat', to: 'alice@st.test', id: 'blocked-1' }, xml('body', {}, 'hi?')),
    );
    const bounced = await carol.next((s) => s.attrs.id === 'blocked-1' && s.attrs.type === 'error', mark);
    expect(bounced.getChild('error')).toBeDefined();

    await alice.call('PUT', '/me/privacy', { mode: 'everybody-except', people: ['bob'] });
    await waitFor(async () => (await blocklist()).length === 1, 50);
    expect(await blocklist()).toEqual(['bob@st.test']);
    await alice.call('PUT', '/me/privacy', { mode: 'everybody-except', people: [] });
    await waitFor(async () => (await blocklist()).length === 0, 50);
    await phone.stop();
  });
});

describe('carbons', () => {
  it('shows what a person wrote from their own XMPP client on their proxy devices too', async () => {
    const alice = await personOnProxy('alice');
    await alice.connect();
    const phone = await XmppPerson.online({
      port: prosody.port,
      domain: prosody.domain,
      id: 'alice',
      password: 'alice-secret',
      resource: 'phone',
    });
    await phone.send(
      xml(
        'message',
        { type: 'chat', to: 'carol@st.test', id: 'from-phone-1' },
        xml('body', {}, 'sent from my phone'),
      ),
    );
    const event = await alice.event('message', (f) => f.message.text === 'sent from my phone');
    expect(event.message.from.id).toBe('alice');
    await phone.stop();
    await alice.disconnect();
  });
});

describe('N-way chat as a MUC room', () => {
  it('invites the XMPP participant, who reads, writes, types, sets the topic and sees a participant leave', async () => {
    const alice = await personOnProxy('alice');
    await alice.connect();
    const bob = await personOnProxy('bob');
    await bob.connect();
    const created = await alice.call<{ conversation: { id: string } }>('POST', '/conversations', {
      participants: ['bob', 'carol'],
      topic: 'Launch',
    });
    expect(created.status).toBe(201);
    const id = created.body.conversation.id;
    expect((await bob.call('PUT', `/conversations/${id}/participants/me`)).status).toBe(200);

    const mark = carol.stanzas.length;
    expect((await alice.send(id, 'kick-off <now>', 'n-1')).status).toBe(201);
    // Carol's client gets a mediated invitation to the conversation's room and joins it.
    const invitation = await carol.next(
      (s) =>
        s.is('message') &&
        s.getChild('x', 'http://jabber.org/protocol/muc#user')?.getChild('invite') !== undefined,
      mark,
    );
    const room = invitation.attrs.from!;
    expect(room.endsWith(`@${prosody.mucDomain}`)).toBe(true);
    const joinedAt = carol.stanzas.length;
    await carol.send(
      xml('presence', { to: `${room}/Carol` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })),
    );
    // The room's history gives her the message sent before she joined, from alice.
    const first = await carol.next(
      (s) => s.attrs.type === 'groupchat' && s.getChildText('body') !== null,
      joinedAt,
    );
    expect(first.getChildText('body')).toBe('kick-off <now>');
    expect(first.attrs.from).toBe(`${room}/alice`);

    await carol.send(xml('message', { type: 'groupchat', to: room, id: 'g-1' }, xml('body', {}, 'on it')));
    const atBob = await bob.event('message', (f) => f.message.from.id === 'carol');
    expect(atBob.message).toMatchObject({ conversationId: id, text: 'on it' });
    await alice.event('message', (f) => f.message.text === 'on it');

    const afterMark = carol.stanzas.length;
    await bob.send(id, 'great', 'n-2');
    const fromBob = await carol.next(
      (s) => s.attrs.type === 'groupchat' && s.getChildText('body') === 'great',
      afterMark,
    );
    expect(fromBob.attrs.from).toBe(`${room}/bob`);
    const history = await alice.call<{ messages: { text: string }[] }>(
      'GET',
      `/conversations/${id}/messages`,
    );
    expect(history.body.messages.map((m) => m.text)).toEqual(['kick-off <now>', 'on it', 'great']);

    // Typing both ways, as chat states in the room.
    let at = carol.stanzas.length;
    expect((await bob.call('POST', `/conversations/${id}/typing`, { typing: true })).status).toBe(204);
    await carol.next(
      (s) =>
        s.attrs.type === 'groupchat' &&
        s.attrs.from === `${room}/bob` &&
        s.getChild('composing', 'http://jabber.org/protocol/chatstates') !== undefined,
      at,
    );
    await carol.send(
      xml(
        'message',
        { type: 'groupchat', to: room },
        xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' }),
      ),
    );
    await alice.event('typing', (f) => f.conversationId === id && f.userId === 'carol' && f.typing === true);

    // The topic is the room's subject, both ways.
    at = carol.stanzas.length;
    expect((await alice.call('PATCH', `/conversations/${id}`, { topic: 'Launch <v2>' })).status).toBe(200);
    const subject = await carol.next(
      (s) => s.attrs.type === 'groupchat' && s.getChild('subject') !== undefined,
      at,
    );
    expect(subject.getChildText('subject')).toBe('Launch <v2>');
    await carol.send(xml('message', { type: 'groupchat', to: room }, xml('subject', {}, 'Launch, moved')));
    const topic = await bob.event('conversation', (f) => f.conversation?.topic === 'Launch, moved');
    expect(topic.conversation.id).toBe(id);

    // Leaving the conversation leaves the room.
    at = carol.stanzas.length;
    expect((await bob.call('DELETE', `/conversations/${id}/participants/me`)).status).toBe(204);
    await carol.next(
      (s) => s.is('presence') && s.attrs.from === `${room}/bob` && s.attrs.type === 'unavailable',
      at,
    );
    await alice.disconnect();
    await bob.disconnect();
  });
});

describe('announcements', () => {
  it('reach a person on an XMPP client as a headline message', async () => {
    const alice = await personOnProxy('alice');
    const mark = carol.stanzas.length;
    const sent = await alice.call('POST', '/announcements', {
      to: ['bob', 'carol'],
      text: 'Fire drill at <3pm>',
      allowReplies: false,
    });
    expect(sent.status).toBe(201);
    const headline = await carol.next((s) => s.is('message') && s.attrs.type === 'headline', mark);
    expect(headline.getChildText('body')).toBe('Fire drill at <3pm>');
    expect(headline.attrs.from?.startsWith('alice@st.test/')).toBe(true);
  });
});

describe('a killed Prosody', () => {
  it('says community: unavailable meanwhile, stays up, and gets presence and chat back', async () => {
    const alice = await personOnProxy('alice');
    const socket = await alice.connect();
    socket.send({ type: 'watch', id: 2, add: ['carol'] });
    await socket.presence('carol', 'available');
    expect((await request(proxy.url, '/readyz')).status).toBe(200);

    await carol.stop();
    await prosody.restart({
      hard: true,
      whileDown: async () => {
        await waitFor(async () => (await request(proxy.url, '/readyz')).status === 503);
        const body = (await (await request(proxy.url, '/readyz')).json()) as { error: { code: string } };
        expect(body.error.code).toBe('ST_ERR_COMMUNITY_UNAVAILABLE');
        expect((await request(proxy.url, '/healthz')).status).toBe(200);
      },
    });
    await waitFor(async () => (await request(proxy.url, '/readyz')).status === 200, 100);

    carol = await carolOnline();
    const from = socket.frames.length;
    await carol.send(xml('presence', {}, xml('show', {}, 'away'), xml('status', {}, 'back soon')));
    const seen = await socket.presence('carol', 'away', from);
    expect(seen.presence[0].message).toBe('back soon');
    // Alice's own presence reaches the XMPP client again.
    await carol.next((s) => s.is('presence') && s.attrs.from?.startsWith('alice@') === true);

    await carol.send(
      xml('message', { type: 'chat', to: 'alice@st.test', id: 'after-1' }, xml('body', {}, 'hello again')),
    );
    const event = await alice.event('message', (f) => f.message.text === 'hello again');
    expect(event.message.from.id).toBe('carol');
    const conversation = await alice.openIm('carol');
    const mark = carol.stanzas.length;
    await alice.send(conversation.id, 'welcome back', 'c-after');
    const got = await carol.next((s) => s.is('message') && s.getChildText('body') === 'welcome back', mark);
    expect(got.attrs.from?.startsWith('alice@st.test/')).toBe(true);
    await alice.disconnect();
  });
});
