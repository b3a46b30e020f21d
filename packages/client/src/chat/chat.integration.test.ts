/**
 * Chat in the SDK against a real proxy: a message both ways with delivery and read receipts and
 * typing, the outbox's exactly-once send across a dropped connection and a lost answer, what was
 * typed offline sent once after reconnect, history paged by cursor and shown from the cache before
 * the proxy answers, N-way membership, and everything forgotten at logout.
 */
import type { ChatMessage } from '@st/protocol/core';
import { startTestProxy } from '@st/proxy/testing';
import { firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from '../create-client.ts';
import { next, SocketLog } from '../test-support.ts';
import type { ClientOptions, StClient } from '../types.ts';
import { type ChatStorageLike, memoryChatStorage } from './chat-storage.ts';
import type { TimelineMessage } from './chat-types.ts';

let proxy: Awaited<ReturnType<typeof startTestProxy>>;
const clients: StClient[] = [];

beforeAll(async () => {
  proxy = await startTestProxy();
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await proxy?.close();
});

const eventually = (assertion: () => void | Promise<void>) =>
  vi.waitFor(assertion, { timeout: 15_000, interval: 20 });

async function loggedIn(userId: string, options: Partial<ClientOptions> = {}) {
  const log = new SocketLog();
  const client = createClient({
    server: proxy.url,
    WebSocket: log.ctor(),
    storage: false,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    ...options,
  });
  clients.push(client);
  await client.login(userId, 'demo');
  return { client, log };
}

/** The proxy's stored history, read with a login of its own (not through the client under test). */
async function storedTexts(userId: string, conversationId: string): Promise<string[]> {
  const login = await fetch(`${proxy.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password: 'demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const answer = await fetch(`${proxy.url}/api/v1/conversations/${conversationId}/messages?limit=200`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { messages } = (await answer.json()) as { messages: ChatMessage[] };
  return messages.map((m) => m.text);
}

const texts = (list: TimelineMessage[]) => list.map((m) => m.text);
const states = (list: TimelineMessage[]) => list.map((m) => `${m.text}:${m.state}`);

describe('1:1 chat', () => {
  it('delivers both ways with typing, and delivery and read receipts', async () => {
    const { client: alice } = await loggedIn('alice');
    const { client: bob } = await loggedIn('bob');
    const toBob = alice.chat.im('bob');
    const toAlice = bob.chat.im('alice');
    const aliceSees = toBob.messages$.subscribe();
    const bobSees = toAlice.messages$.subscribe();
    await expect(toBob.id()).resolves.toBe(await toAlice.id());

    toBob.setTyping(true);
    await next(toAlice.typing$, (people) =>
      people.some((p) => p.id === 'alice' && p.displayName === 'Alice Andersson'),
    );

    const incoming = firstValueFrom(bob.chat.incoming$);
    const sent = await toBob.send('Hello *Bob*');
    expect(sent).toMatchObject({ seq: 1, text: 'Hello *Bob*', from: { id: 'alice' } });
    expect((await incoming).message.text).toBe('Hello *Bob*');
    // Alice's message stops her typing for Bob.
    await next(toAlice.typing$, (people) => people.length === 0);
    await next(toAlice.messages$, (list) => texts(list).join() === 'Hello *Bob*');

    // Bob's client said it arrived; then Bob reads it.
    const bobIn = (list: { id: string; deliveredSeq: number; readSeq: number }[]) =>
      list.find((p) => p.id === 'bob');
    await next(toBob.participants$, (list) => bobIn(list)?.deliveredSeq === 1);
    await next(bob.chat.unread$, (count) => count === 1);
    await toAlice.markRead();
    await next(toBob.participants$, (list) => bobIn(list)?.readSeq === 1);
    await next(bob.chat.unread$, (count) => count === 0);

    await toAlice.send('Hi Alice');
    await next(toBob.messages$, (list) => texts(list).join('|') === 'Hello *Bob*|Hi Alice');
    const [conversation] = await firstValueFrom(alice.chat.conversations$.pipe());
    expect(conversation).toMatchObject({ kind: 'im', lastMessage: { text: 'Hi Alice' } });
    aliceSees.unsubscribe();
    bobSees.unsubscribe();
    // A dozen round trips: the suite's 20 s is too little for them on a loaded machine.
  }, 60_000);

  it('refuses a message over the limit before sending it', async () => {
    const { client: carol } = await loggedIn('carol');
    await expect(carol.chat.im('dave').send('x'.repeat(10_001))).rejects.toMatchObject({
      code: 'ST_ERR_MESSAGE_TOO_LONG',
    });
    await expect(carol.chat.im('dave').send('   ')).rejects.toMatchObject({ code: 'ST_ERR_VALIDATION' });
  });
});

describe('the outbox', () => {
  it('stores a message exactly once when the connection drops mid-send and the answer is lost', async () => {
    let loseNextAnswer = true;
    const log = new SocketLog();
    const flaky: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST' && String(input).endsWith('/messages') && loseNextAnswer) {
        loseNextAnswer = false;
        // The proxy stored it; the connection dies before the answer arrives.
        log.current?.terminate();
        throw new TypeError('fetch failed: connection reset');
      }
      return response;
    };
    const { client: erin } = await loggedIn('erin', { fetch: flaky, WebSocket: log.ctor() });
    const chat = erin.chat.im('frank');
    const seen = chat.messages$.subscribe();
    const id = await chat.id();
    await next(erin.state$, (s) => s.status === 'connected');

    const sent = await chat.send('only once, please');
    expect(loseNextAnswer).toBe(false);
    expect(log.sockets.length).toBeGreaterThan(1);
    expect(sent.text).toBe('only once, please');
    expect(await storedTexts('frank', id)).toEqual(['only once, please']);
    await next(chat.messages$, (list) => states(list).join() === 'only once, please:sent');
    seen.unsubscribe();
  });

  it('keeps what was typed offline and sends it once, in order, after reconnect', async () => {
    let offline = false;
    const log = new SocketLog();
    const network: typeof fetch = (input, init) =>
      offline ? Promise.reject(new TypeError('fetch failed: offline')) : fetch(input, init);
    const { client: grace } = await loggedIn('grace', { fetch: network, WebSocket: log.ctor() });
    const chat = grace.chat.im('heidi');
    const seen = chat.messages$.subscribe();
    const id = await chat.id();
    await next(grace.state$, (s) => s.status === 'connected');

    offline = true;
    log.refuse = true;
    log.current?.terminate();
    await next(grace.state$, (s) => s.status === 'reconnecting');
    const first = chat.send('typed on the train');
    const second = chat.send('and this too');
    await next(
      chat.messages$,
      (list) => states(list).join() === 'typed on the train:sending,and this too:sending',
    );

    offline = false;
    log.refuse = false;
    await Promise.all([first, second]);
    expect(await storedTexts('heidi', id)).toEqual(['typed on the train', 'and this too']);
    await next(chat.messages$, (list) => states(list).join() === 'typed on the train:sent,and this too:sent');
    seen.unsubscribe();
  });

  it('sends what a closed page left in its outbox when the person comes back', async () => {
    const storage = memoryChatStorage();
    const kept = { clientId: 'c-left-behind-1', peerId: 'judy', conversationId: undefined };
    await storage.outbox.put('ivan', { ...kept, text: 'from last time', queuedAt: 1, failed: undefined });
    const { client: ivan } = await loggedIn('ivan', { chatStorage: storage });
    const chat = ivan.chat.im('judy');
    await next(chat.messages$, (list) => states(list).join() === 'from last time:sent');
    expect(await storedTexts('judy', await chat.id())).toEqual(['from last time']);
    await eventually(async () => expect(await storage.outbox.load('ivan')).toEqual([]));
  });
});

describe('history', () => {
  async function fill(from: StClient, peer: string, count: number, prefix: string) {
    const chat = from.chat.im(peer);
    for (let i = 1; i <= count; i++) await chat.send(`${prefix} ${i}`);
  }

  it('pages older messages by cursor, and a reload shows the cached ones before the proxy answers', async () => {
    const { client: kenji } = await loggedIn('kenji');
    const { client: leila } = await loggedIn('leila');
    await fill(kenji, 'leila', 40, 'k');
    await fill(leila, 'kenji', 40, 'l');

    const storage: ChatStorageLike = memoryChatStorage();
    const { client: reader } = await loggedIn('kenji', { chatStorage: storage });
    const chat = reader.chat.im('leila');
    // Leila's messages waited for Kenji (his sending client had no stream): they come as offline ones.
    await next(chat.history$, (state) => !state.loading);
    const first = await firstValueFrom(chat.messages$);
    expect(first).toHaveLength(50);
    expect(first.filter((m) => m.offline).map((m) => m.text)).toContain('l 40');
    expect(first[0]?.text).toBe('k 31');
    expect(first.at(-1)?.text).toBe('l 40');
    expect(await firstValueFrom(chat.history$)).toMatchObject({ hasOlder: true });
    expect(await chat.loadOlder()).toBe(false);
    const all = await next(chat.messages$, (list) => list.length === 80);
    expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    await eventually(async () =>
      expect(await storage.history.get('kenji', `messages:${await chat.id()}`)).toBeTruthy(),
    );
    reader.close();

    // The page is reloaded; history requests hang, but the transcript is there at once.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowHistory: typeof fetch = async (input, init) => {
      if (String(input).includes('/messages')) await held;
      return fetch(input, init);
    };
    const { client: again } = await loggedIn('kenji', { chatStorage: storage, fetch: slowHistory });
    const cached = await next(again.chat.im('leila').messages$, (list) => list.length > 0);
    expect(cached.length).toBeGreaterThanOrEqual(50);
    expect(cached.at(-1)?.text).toBe('l 40');
    release();
  });
});

describe('N-way chat', () => {
  it('invites, accepts, declines, posts, and says who joined and left', async () => {
    const { client: alice } = await loggedIn('alice');
    const { client: bob } = await loggedIn('bob');
    const { client: carol } = await loggedIn('carol');
    const bobInvited = firstValueFrom(bob.chat.invited$);
    const carolInvited = firstValueFrom(carol.chat.invited$);
    // Events reach streams that exist: wait until theirs are open.
    await next(bob.state$, (state) => state.status === 'connected');
    await next(carol.state$, (state) => state.status === 'connected');
    const room = await alice.chat.startConversation(['bob', 'carol'], 'Release');
    const notices = room.notices$.subscribe();
    const id = await room.id();
    expect((await bobInvited).conversation).toMatchObject({ id, topic: 'Release' });
    await next(bob.chat.invitations$, (list) => list.some((c) => c.id === id));

    await bob.chat.conversation(id).accept();
    await next(bob.chat.invitations$, (list) => list.length === 0);
    await carolInvited;
    await carol.chat.conversation(id).leave();
    await next(
      room.participants$,
      (list) => list.map((p) => `${p.id}:${p.state}`).join() === 'alice:joined,bob:joined',
    );
    await next(room.notices$, (list) =>
      list.some((n) => n.change === 'declined' && n.people[0]?.id === 'carol'),
    );

    const bobSees = bob.chat.conversation(id).messages$.subscribe();
    await room.send('Ship it?');
    await next(bob.chat.conversation(id).messages$, (list) => texts(list).join() === 'Ship it?');
    await room.invite(['dave']);
    await next(room.participants$, (list) => list.some((p) => p.id === 'dave' && p.state === 'invited'));
    await bob.chat.conversation(id).leave();
    await next(room.notices$, (list) => list.some((n) => n.change === 'left' && n.people[0]?.id === 'bob'));
    await next(bob.chat.conversations$, (list) => !list.some((c) => c.id === id));
    notices.unsubscribe();
    bobSees.unsubscribe();
  });

  it('upgrades a 1:1 into an N-way conversation with both people and the ones added', async () => {
    const { client: dave } = await loggedIn('dave');
    const upgraded = await dave.chat.im('erin').upgrade(['frank'], 'Bigger');
    const conversation = await firstValueFrom(upgraded.conversation$);
    expect(conversation.kind).toBe('nway');
    expect(conversation.upgradedFrom).toBe(await dave.chat.im('erin').id());
    expect(conversation.participants.map((p) => p.id)).toEqual(['dave', 'erin', 'frank']);
  });
});

describe('settings and logout', () => {
  it('follows preferences and privacy changed in another tab, and forgets chat at logout', async () => {
    const storage = memoryChatStorage();
    const { client: tab1 } = await loggedIn('heidi', { chatStorage: storage });
    const { client: tab2 } = await loggedIn('heidi');
    expect(await firstValueFrom(tab1.settings.preferences$)).toMatchObject({ sound: true });
    const privacy = tab1.settings.privacy$.subscribe();
    await tab2.settings.updatePreferences({ sound: false, hideOfflineContacts: true });
    await next(tab1.settings.preferences$, (p) => !p.sound && p.hideOfflineContacts);
    await tab2.settings.setPrivacy({ mode: 'only-these', people: ['ivan'] });
    await next(tab1.settings.privacy$, (p) => p.mode === 'only-these' && p.people.join() === 'ivan');
    await tab2.settings.updatePreferences({ sound: null, hideOfflineContacts: null });
    await tab2.settings.setPrivacy({ mode: 'everybody-except', people: [] });
    privacy.unsubscribe();

    const chat = tab1.chat.im('ivan');
    const seen = chat.messages$.subscribe();
    await chat.send('before logout');
    await eventually(async () =>
      expect(await storage.history.get('heidi', `messages:${await chat.id()}`)).toBeTruthy(),
    );
    seen.unsubscribe();
    await tab1.logout();
    expect(await storage.history.get('heidi', `messages:${await chat.id()}`)).toBeUndefined();
    expect(await storage.outbox.load('heidi')).toEqual([]);
  });
});
