/** The chat store on its own, in every backend: batches, offline hand-over, retries from two proxies. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewMessage } from './chat-types.ts';
import { MIGRATIONS, migrate } from './migrations.ts';
import { DATABASE_FILE, openDatabase, SqliteStore } from './sqlite.ts';
import { type StoreLocation, storeBackends } from './store-test-support.ts';
import type { Store } from './types.ts';

const LIMITS = { groups: 100, membersPerGroup: 1000 };
const alice = { id: 'alice', displayName: 'Alice' };
const bob = { id: 'bob', displayName: 'Bob' };
const nobodyLive = () => false;

async function createIm(store: Store): Promise<string> {
  const { conversation } = await store.chat.createConversation(
    {
      id: 'im_0123456789abcdef',
      kind: 'im',
      creator: alice,
      others: [bob],
      topic: null,
      upgradedFrom: null,
      now: 1,
    },
    nobodyLive,
  );
  return conversation.id;
}

const message = (conversationId: string, text: string, clientId: string | null = null): NewMessage => ({
  conversationId,
  from: alice,
  clientId,
  text,
  sentAt: 10,
});

describe.each(storeBackends())('the chat store in $name', (backend) => {
  let location: StoreLocation;
  let store: Store;
  beforeEach(async () => {
    location = await backend.create();
    store = await location.open(LIMITS);
  });
  afterEach(async () => {
    await store.close();
    await location.dispose();
  });
  const openWithIm = () => createIm(store);

  it('stores a batch in one transaction, each message apart: one that fails takes no other with it', async () => {
    const id = await openWithIm();
    const broken = { ...message(id, 'x'), text: null as unknown as string };
    const outcomes = await store.chat.appendMessages(
      [
        message(id, 'one', 'a'),
        broken,
        message(id, 'two', 'a'),
        message(id, 'three'),
        message('im_missing0000000000', 'x'),
      ],
      nobodyLive,
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['stored', 'failed', 'duplicate', 'stored', 'refused']);
    const page = await store.chat.history(id, 0, { limit: 10 });
    expect(page.messages.map((m) => [m.seq, m.text])).toEqual([
      [1, 'one'],
      [2, 'three'],
    ]);
    expect((await store.chat.conversation(id))!.lastSeq).toBe(2);
  });

  it('hands what waited offline over once, oldest first, keeping only the newest past the maximum', async () => {
    const id = await openWithIm();
    await store.chat.appendMessages(
      ['a', 'b', 'c', 'd'].map((t) => message(id, t)),
      nobodyLive,
    );
    const [taken, again] = await Promise.all([
      store.chat.takeOffline('bob', 3),
      store.chat.takeOffline('bob', 3),
    ]);
    expect(taken.map((item) => item.kind === 'message' && item.message.text)).toEqual(['b', 'c', 'd']);
    expect(again).toEqual([]);
    // The sender never waits for their own messages.
    expect(await store.chat.takeOffline('alice', 10)).toEqual([]);
  });

  it('answers a client id repeated within one batch with the message its first send stored', async () => {
    const id = await openWithIm();
    const outcomes = await store.chat.appendMessages(
      [message(id, 'one', 'a'), message(id, 'two', 'a'), message(id, 'three', 'b')],
      nobodyLive,
    );
    expect(
      outcomes.map((o) => (o.kind === 'stored' || o.kind === 'duplicate' ? [o.kind, o.message.seq] : o.kind)),
    ).toEqual([
      ['stored', 1],
      ['duplicate', 1],
      ['stored', 2],
    ]);
    const last = outcomes[2]!;
    expect(last.kind === 'stored' && last.conversation.lastSeq).toBe(2);
    expect((await store.chat.conversation(id))!.participants.find((p) => p.id === 'alice')).toMatchObject({
      deliveredSeq: 2,
      readSeq: 2,
    });
    const waiting = await store.chat.takeOffline('bob', 10);
    expect(waiting.map((item) => item.kind === 'message' && item.message.seq)).toEqual([1, 2]);
  });

  it('keeps no body of a message archived elsewhere, and forgets one once the archive has it', async () => {
    const id = await openWithIm();
    const [archived, pending] = await store.chat.appendMessages(
      [{ ...message(id, 'from the archive', 'x-1'), archived: true }, message(id, 'ours', 'o-2')],
      nobodyLive,
    );
    // The outcome carries the text, for the events of this send.
    expect(archived).toMatchObject({ kind: 'stored', message: { seq: 1, text: 'from the archive' } });
    expect(pending).toMatchObject({ kind: 'stored', message: { seq: 2, text: 'ours' } });
    const texts = async () => (await store.chat.history(id, 0, { limit: 10 })).messages.map((m) => m.text);
    expect(await texts()).toEqual(['', 'ours']);
    await store.chat.forgetBodies([{ conversationId: id, seq: 2 }]);
    expect(await texts()).toEqual(['', '']);
    // A retry still finds it by its client id.
    const [retry] = await store.chat.appendMessages([message(id, 'ours', 'o-2')], nobodyLive);
    expect(retry).toMatchObject({ kind: 'duplicate', message: { seq: 2, clientId: 'o-2' } });
  });

  it('queues nothing for people who are live', async () => {
    const id = await openWithIm();
    await store.chat.appendMessages([message(id, 'live')], (userId) => userId === 'bob');
    expect(await store.chat.takeOffline('bob', 10)).toEqual([]);
  });

  it('stores a send retried through a second store on the same database once (two proxies)', async () => {
    const id = await openWithIm();
    const other = await location.open(LIMITS);
    try {
      // Each store takes half the sends, then every send is retried through the other, all at once.
      const sends = Array.from({ length: 40 }, (_, n) => message(id, `m${n}`, `c${n}`));
      const first = sends.map((m, n) => (n % 2 ? other : store).chat.appendMessages([m], nobodyLive));
      const retried = sends.map((m, n) => (n % 2 ? store : other).chat.appendMessages([m], nobodyLive));
      const outcomes = (await Promise.all([...first, ...retried])).flat();
      expect(outcomes.filter((o) => o.kind === 'stored')).toHaveLength(40);
      expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(40);
      const page = await store.chat.history(id, 0, { limit: 100 });
      expect(page.messages.map((m) => m.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set(page.messages.map((m) => m.clientId)).size).toBe(40);
      // Every answer, stored or duplicate, names the one stored message with its seq.
      const stored = new Map(page.messages.map((m) => [m.clientId, m.seq]));
      for (const outcome of outcomes) {
        if (outcome.kind === 'stored' || outcome.kind === 'duplicate') {
          expect(outcome.message.seq).toBe(stored.get(outcome.message.clientId));
        }
      }
    } finally {
      await other.close();
    }
  });
});

describe('the chat store in SQLite', () => {
  let dataDir: string;
  let store: SqliteStore | undefined;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'st-chat-store-'));
  });
  afterEach(async () => {
    await store?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('arrives in a database that already had later migrations of other features', async () => {
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    const others = MIGRATIONS.filter((m) => m.version < 3 || m.version >= 10);
    migrate(db, others);
    db.close();
    store = SqliteStore.open(dataDir, LIMITS);
    const id = await createIm(store);
    const [outcome] = await store.chat.appendMessages([message(id, 'hello')], nobodyLive);
    expect(outcome!.kind).toBe('stored');
  });
});
