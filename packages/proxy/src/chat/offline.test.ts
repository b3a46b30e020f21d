/** What waits for people who were offline, and announcements. */
import type { ConversationSummary } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { type Frame, waitFor } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';
import { codeOf, Person } from './chat-test-support.ts';

let proxy: RunningProxy;
beforeAll(async () => {
  // No grace period: a closed stream ends at once, so its person is offline right away.
  proxy = await startTestProxy({ graceSeconds: 0 });
});
afterAll(() => proxy.close());

const offlineOf = (person: Person, type: string) =>
  person.events(type).filter((f: Frame) => f.offline === true);

describe('offline delivery', () => {
  it('delivers messages sent while the person had no stream when they next connect, marked, once', async () => {
    const alice = await Person.login(proxy.url, 'alice');
    const bob = await Person.login(proxy.url, 'bob');
    await alice.connect();
    const im = await alice.openIm('bob');
    const texts = ['are you there?', 'call me when you are back'];
    for (const text of texts) expect((await alice.send(im.id, text)).status).toBe(201);

    await bob.connect();
    await waitFor(() => offlineOf(bob, 'message').length === texts.length);
    expect(offlineOf(bob, 'message').map((f) => f.message.text)).toEqual(texts);
    expect(offlineOf(bob, 'message')[0]!.message.conversationId).toBe(im.id);

    // A second stream, and a reconnect, get nothing again: it was delivered once.
    const secondTab = await Person.login(proxy.url, 'bob');
    await secondTab.connect();
    await bob.disconnect();
    await bob.connect();
    const live = await alice.send(im.id, 'now you are here');
    await bob.event('message', (f) => f.message.id === live.body.message.id);
    await secondTab.event('message', (f) => f.message.id === live.body.message.id);
    expect(offlineOf(bob, 'message')).toHaveLength(0);
    expect(offlineOf(secondTab, 'message')).toHaveLength(0);
    // The live one is not marked offline.
    expect(bob.events('message').at(-1)!.offline).toBeUndefined();
    for (const person of [alice, bob, secondTab]) await person.disconnect();
  });

  it('delivers an invitation and its messages to someone invited while offline', async () => {
    const carol = await Person.login(proxy.url, 'carol');
    const dave = await Person.login(proxy.url, 'dave');
    const created = await carol.call<{ conversation: ConversationSummary }>('POST', '/conversations', {
      participants: ['dave'],
      topic: 'Offsite',
    });
    await carol.send(created.body.conversation.id, 'see you there');
    await dave.connect();
    await waitFor(() => offlineOf(dave, 'message').length === 1);
    const [invitation] = offlineOf(dave, 'invitation');
    expect(invitation).toMatchObject({ from: { id: 'carol' }, conversation: { topic: 'Offsite' } });
    // In the order it happened: the invitation before the message.
    const frames = dave.socket!.frames;
    expect(frames.indexOf(invitation!)).toBeLessThan(frames.indexOf(offlineOf(dave, 'message')[0]!));
    await dave.disconnect();
  });

  it('skips what was meant for a conversation the person has left since', async () => {
    const erin = await Person.login(proxy.url, 'erin');
    const frank = await Person.login(proxy.url, 'frank');
    const created = await erin.call<{ conversation: ConversationSummary }>('POST', '/conversations', {
      participants: ['frank'],
    });
    const id = created.body.conversation.id;
    await erin.send(id, 'for frank, maybe');
    // Declining over the API, without a stream.
    expect((await frank.call('DELETE', `/conversations/${id}/participants/me`)).status).toBe(204);
    await erin.send(id, 'after frank declined');
    await frank.connect();
    const marker = await erin.openIm('frank');
    const ping = await erin.send(marker.id, 'ping');
    await frank.event('message', (f) => f.message.id === ping.body.message.id);
    expect(offlineOf(frank, 'message')).toHaveLength(0);
    expect(offlineOf(frank, 'invitation')).toHaveLength(0);
    await frank.disconnect();
  });
});

describe('announcements', () => {
  it('reach each recipient, live or at their next connection, and list for them', async () => {
    const grace = await Person.login(proxy.url, 'grace');
    const heidi = await Person.login(proxy.url, 'heidi');
    const ivan = await Person.login(proxy.url, 'ivan');
    await heidi.connect();
    const sent = await grace.call<{ announcement: { id: string }; recipients: number }>(
      'POST',
      '/announcements',
      {
        to: ['heidi', 'ivan', 'grace', 'heidi'],
        text: 'Fire drill at 3',
        allowReplies: true,
      },
    );
    expect(sent.status).toBe(201);
    expect(sent.body.recipients).toBe(2);
    const live = await heidi.event('announcement');
    expect(live.announcement).toMatchObject({ id: sent.body.announcement.id, text: 'Fire drill at 3' });
    expect(live.offline).toBeUndefined();
    await ivan.connect();
    await waitFor(() => offlineOf(ivan, 'announcement').length === 1);
    expect(offlineOf(ivan, 'announcement')[0]!.announcement.from.id).toBe('grace');

    const listed = await ivan.call<{ announcements: { id: string }[] }>('GET', '/announcements');
    expect(listed.body.announcements.map((a) => a.id)).toEqual([sent.body.announcement.id]);
    expect(
      (await grace.call<{ announcements: unknown[] }>('GET', '/announcements')).body.announcements,
    ).toEqual([]);
    await heidi.disconnect();
    await ivan.disconnect();
  });

  it('take replies in a 1:1 with the sender only when allowed, and only from recipients', async () => {
    const judy = await Person.login(proxy.url, 'judy');
    const kenji = await Person.login(proxy.url, 'kenji');
    const leila = await Person.login(proxy.url, 'leila');
    type Sent = { announcement: { id: string } };
    const open = await judy.call<Sent>('POST', '/announcements', {
      to: ['kenji'],
      text: 'Q?',
      allowReplies: true,
    });
    const closed = await judy.call<Sent>('POST', '/announcements', { to: ['kenji'], text: 'FYI' });
    const reply = await kenji.call<{ message: { conversationId: string } }>(
      'POST',
      `/announcements/${open.body.announcement.id}/replies`,
      { text: 'A!', clientId: 'r1' },
    );
    expect(reply.status).toBe(201);
    expect(reply.body.message.conversationId).toBe((await judy.openIm('kenji')).id);
    const again = await kenji.call('POST', `/announcements/${open.body.announcement.id}/replies`, {
      text: 'A!',
      clientId: 'r1',
    });
    expect(again.status).toBe(200);
    const refused = await kenji.call('POST', `/announcements/${closed.body.announcement.id}/replies`, {
      text: 'no',
    });
    expect(refused.status).toBe(403);
    expect(codeOf(refused)).toBe('ST_ERR_FORBIDDEN');
    const stranger = await leila.call('POST', `/announcements/${open.body.announcement.id}/replies`, {
      text: 'me',
    });
    expect(stranger.status).toBe(404);
  });

  it('refuse unknown recipients and over-long text, sending nothing', async () => {
    const alice = await Person.login(proxy.url, 'alice');
    const unknown = await alice.call('POST', '/announcements', { to: ['bob', 'nobody-at-all'], text: 'hi' });
    expect(codeOf(unknown)).toBe('ST_ERR_USER_NOT_FOUND');
    const long = await alice.call('POST', '/announcements', { to: ['bob'], text: 'x'.repeat(10_001) });
    expect(codeOf(long)).toBe('ST_ERR_MESSAGE_TOO_LONG');
    const bob = await Person.login(proxy.url, 'bob');
    expect(
      (await bob.call<{ announcements: unknown[] }>('GET', '/announcements')).body.announcements,
    ).toEqual([]);
  });
});
