/**
 * History from the XMPP server's archive (MAM): the proxy's store keeps sequence numbers, client
 * ids and receipts but no bodies once the server has a message; after the proxy restarts, history
 * holds both directions, including what a standard client sent while the person had no session
 * here (kept offline by the server, or delivered to their phone and found in their archive).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Person } from '../../chat/chat-test-support.ts';
import type { RunningProxy } from '../../server.ts';
import { openStore } from '../../store/open.ts';
import type { Store } from '../../store/types.ts';
import { login, waitFor } from '../../test-support.ts';
import { startProsody, type TestProsody } from '../../testing/prosody.ts';
import { XmppPerson, xml } from '../../testing/xmpp-client.ts';
import { startTestProxy } from '../../testing.ts';

const ACCOUNTS = [
  { id: 'alice', password: 'alice-secret', name: 'Alice Archer' },
  { id: 'carol', password: 'carol-secret', name: 'Carol Cho' },
];

let prosody: TestProsody;
let dataDir: string;
let store: Store;
let carol: XmppPerson;

function startProxy(): Promise<RunningProxy> {
  return startTestProxy(
    { community: prosody.url, xmppDomain: prosody.domain, xmppTls: 'off', directory: 'xmpp', dataDir },
    { store },
  );
}

async function aliceOn(proxy: RunningProxy): Promise<Person> {
  const session = await login(proxy.url, 'alice', { password: 'alice-secret' });
  return Object.assign(Object.create(Person.prototype), { base: proxy.url, session }) as Person;
}

function xmppClient(id: string, resource: string): Promise<XmppPerson> {
  const password = ACCOUNTS.find((a) => a.id === id)!.password;
  return XmppPerson.online({ port: prosody.port, domain: prosody.domain, id, password, resource });
}

function chat(to: string, id: string, body: string) {
  return xml('message', { type: 'chat', to, id }, xml('body', {}, body));
}

type Page = { messages: { seq: number; text: string; from: { id: string }; clientId: string | null }[] };

beforeAll(async () => {
  prosody = await startProsody({ accounts: ACCOUNTS });
  dataDir = await mkdtemp(join(tmpdir(), 'st-archive-'));
  store = await openStore({ dataDir, databaseUrl: undefined });
  carol = await xmppClient('carol', 'gajim');
});
afterAll(async () => {
  await carol?.stop();
  await store?.close();
  await prosody?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('reads history from the archive after a restart, with what came while the person was away', async () => {
  let proxy = await startProxy();
  let alice = await aliceOn(proxy);
  await alice.connect();
  const { id } = await alice.openIm('carol');

  // Acknowledged only once the server has it; a retry with the same clientId is the same message.
  let mark = carol.stanzas.length;
  const first = await alice.send(id, 'one <b>', 'a-1');
  expect(first.status).toBe(201);
  const again = await alice.call<{ message: { seq: number; text: string } }>(
    'POST',
    `/conversations/${id}/messages`,
    { text: 'one <b>', clientId: 'a-1' },
  );
  expect(again.status).toBe(200);
  expect(again.body.message).toMatchObject({ seq: 1, text: 'one <b>' });
  await carol.next((s) => s.getChildText('body') === 'one <b>', mark);

  await carol.send(chat('alice@st.test', 'c-2', 'two'));
  await alice.event('message', (f) => f.message.text === 'two');
  await alice.disconnect();
  await proxy.close();

  // Alice has no session: the server keeps one message for her; the next reaches her phone
  // only, and she writes from the phone too. Both are in her archive alone.
  await carol.send(chat('alice@st.test', 'c-3', 'three (kept offline)'));
  const phone = await xmppClient('alice', 'phone');
  mark = phone.stanzas.length;
  await carol.send(chat('alice@st.test', 'c-4', 'four (to the phone)'));
  await phone.next((s) => s.getChildText('body') === 'four (to the phone)', mark);
  await phone.send(chat('carol@st.test', 'p-5', 'five (from the phone)'));
  await phone.stop();

  proxy = await startProxy();
  alice = await aliceOn(proxy);
  const read = () => alice.call<Page>('GET', `/conversations/${id}/messages`);
  await waitFor(async () => (await read()).body.messages.length >= 5, 50);
  const history = (await read()).body.messages;
  expect(history.map((m) => [m.seq, m.from.id, m.text])).toEqual([
    [1, 'alice', 'one <b>'],
    [2, 'carol', 'two'],
    [3, 'carol', 'three (kept offline)'],
    [4, 'carol', 'four (to the phone)'],
    [5, 'alice', 'five (from the phone)'],
  ]);
  // Nothing was stored twice (the kept message came both offline and from the archive).
  expect(new Set(history.map((m) => m.clientId)).size).toBe(5);

  // Paging answers from the archive with the same shapes.
  const older = await alice.call<Page & { hasMore: boolean }>(
    'GET',
    `/conversations/${id}/messages?before=4&limit=2`,
  );
  expect(older.body.messages.map((m) => m.text)).toEqual(['two', 'three (kept offline)']);
  expect(older.body.hasMore).toBe(true);
  const list = await alice.call<{ conversations: { id: string; lastMessage: { text: string } | null }[] }>(
    'GET',
    '/conversations',
  );
  expect(list.body.conversations.find((c) => c.id === id)?.lastMessage?.text).toBe('five (from the phone)');

  // The store keeps the messages' places, not their bodies: those live in the server's archive.
  const stored = await store.chat.history(id, 0, { limit: 10 });
  expect(stored.messages.map((m) => [m.seq, m.text])).toEqual([
    [1, ''],
    [2, ''],
    [3, ''],
    [4, ''],
    [5, ''],
  ]);
  await proxy.close();
});

it('catches up more than a page of the archive: everything the phone saw since the last message here', async () => {
  let proxy = await startProxy();
  let alice = await aliceOn(proxy);
  await alice.connect();
  const { id } = await alice.openIm('carol');
  let mark = carol.stanzas.length;
  expect((await alice.send(id, 'leaving for a week', 'trip-0')).status).toBe(201);
  await carol.next((s) => s.getChildText('body') === 'leaving for a week', mark);
  await alice.disconnect();
  await proxy.close();

  // Seventy messages while only Alice's phone is online: more than one page of her archive (50),
  // none kept offline by the server for a later session.
  const phone = await xmppClient('alice', 'phone');
  mark = phone.stanzas.length;
  const texts = Array.from({ length: 70 }, (_, i) => `while away ${i + 1}`);
  for (const [i, text] of texts.entries()) await carol.send(chat('alice@st.test', `away-${i + 1}`, text));
  await phone.next((s) => s.getChildText('body') === texts.at(-1), mark);
  await phone.stop();

  proxy = await startProxy();
  alice = await aliceOn(proxy);
  const read = () => alice.call<Page>('GET', `/conversations/${id}/messages?limit=200`);
  const shown = async () => (await read()).body.messages.map((m) => m.text);
  await waitFor(async () => (await shown()).includes(texts.at(-1)!), 100);
  const after = (await shown()).slice((await shown()).indexOf('leaving for a week') + 1);
  expect(after).toEqual(texts);
  await proxy.close();
});
