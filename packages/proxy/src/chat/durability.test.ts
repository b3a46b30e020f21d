/**
 * A hard kill of the proxy loses no acknowledged message: a proxy child process takes concurrent
 * sends from several people, is killed with SIGKILL while they are still sending, and restarted on
 * the same data directory (SQLite) or database (PostgreSQL); every message that was answered 201 is
 * in the history, once, with the seq and text it was answered with.
 *
 * With PostgreSQL, the sends of a killed proxy are also retried on a second proxy process sharing
 * the database, as a load balancer would route them: each one is stored exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChatMessage, HistoryResponse } from '@st/protocol';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestPostgres } from '../testing/postgres.ts';
import { Person } from './chat-test-support.ts';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const SENDERS = ['alice', 'bob', 'carol', 'dave'];
/** Sends in flight per sender, so the kill lands in the middle of group commits. */
const IN_FLIGHT = 6;
/** Acknowledged messages after which the process is killed. */
const KILL_AFTER = 120;

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'st-chat-kill-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** PostgreSQL, started for this file; each test gets a database of its own. */
let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await TestPostgres.start();
});
afterAll(() => postgres?.dispose());

interface Child {
  child: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

async function startChild(env: Record<string, string> = {}, folder = dataDir): Promise<Child> {
  const child = spawn(process.execPath, ['--conditions=st-source', '--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', ST_DATA_DIR: folder, ST_PORT: '0', ST_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /st-proxy listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', () => reject(new Error(`exited before listening: ${out}`)));
  });
  return { child, url, exited };
}

async function wholeHistory(person: Person, conversationId: string): Promise<ChatMessage[]> {
  const all: ChatMessage[] = [];
  for (let after = 0; ; ) {
    const page = await person.call<HistoryResponse>(
      'GET',
      `/conversations/${conversationId}/messages?after=${after}&limit=200`,
    );
    all.push(...page.body.messages);
    if (!page.body.hasMore) return all;
    after = page.body.messages.at(-1)!.seq;
  }
}

const BACKENDS = [
  { name: 'SQLite', env: async (): Promise<Record<string, string>> => ({}) },
  {
    name: 'PostgreSQL',
    env: async (): Promise<Record<string, string>> => ({ ST_DATABASE_URL: await postgres.createDatabase() }),
  },
];

/** Creates a conversation of every sender; answers its id. */
async function conversationOf(people: Person[]): Promise<string> {
  const created = await people[0]!.call<{ conversation: { id: string } }>('POST', '/conversations', {
    participants: SENDERS.slice(1),
  });
  return created.body.conversation.id;
}

/**
 * Every sender sends with IN_FLIGHT lanes until the proxy dies; answers what was acknowledged and
 * every client id that was sent (answered or not), once the process is gone.
 */
async function sendUntilKilled(
  target: Child,
  people: Person[],
  conversationId: string,
): Promise<{ acknowledged: Map<string, ChatMessage>; sent: Map<string, Person> }> {
  const acknowledged = new Map<string, ChatMessage>();
  const sent = new Map<string, Person>();
  let killed = false;
  let kill!: () => void;
  const killNow = new Promise<void>((resolve) => {
    kill = resolve;
  });
  const sendLoop = async (person: Person, lane: number) => {
    for (let n = 0; !killed; n++) {
      const clientId = `${person.id}-${lane}-${n}`;
      sent.set(clientId, person);
      try {
        const answer = await person.send(conversationId, `message ${clientId}`, clientId);
        if (answer.status === 201) acknowledged.set(clientId, answer.body.message as ChatMessage);
        if (acknowledged.size >= KILL_AFTER) kill();
        // Past the burst the rate limit answers 429: wait a little, as a client would.
        if (answer.status === 429) await new Promise((resolve) => setTimeout(resolve, 100));
      } catch {
        return; // the connection died with the process
      }
    }
  };
  const loops = people.flatMap((person) =>
    Array.from({ length: IN_FLIGHT }, (_, lane) => sendLoop(person, lane)),
  );
  await killNow;
  // No shutdown of any kind, with sends still in flight.
  target.child.kill('SIGKILL');
  killed = true;
  await target.exited;
  await Promise.all(loops);
  return { acknowledged, sent };
}

describe.each(BACKENDS)('a SIGKILL of the proxy on $name', (backend) => {
  it('loses no acknowledged message', async () => {
    const env = await backend.env();
    const first = await startChild(env);
    const people = await Promise.all(SENDERS.map((id) => Person.login(first.url, id)));
    const conversationId = await conversationOf(people);
    const { acknowledged } = await sendUntilKilled(first, people, conversationId);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);

    const second = await startChild(env);
    try {
      const reader = await Person.login(second.url, 'alice');
      const history = await wholeHistory(reader, conversationId);
      const byClientId = new Map(history.map((m) => [m.clientId!, m]));
      expect(byClientId.size).toBe(history.length);
      expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));
      for (const [clientId, message] of acknowledged) expect(byClientId.get(clientId)).toEqual(message);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);
});

describe('two proxies on one PostgreSQL database', () => {
  it('store each send retried on the second proxy exactly once, with contiguous seqs', async () => {
    // Rate limits are per proxy: generous here, so every retry is answered at once.
    const env = {
      ...(await BACKENDS[1]!.env()),
      ST_CHAT_MESSAGE_BURST: '100000',
      ST_CHAT_MESSAGES_PER_SECOND: '100000',
    };
    const otherDir = await mkdtemp(join(tmpdir(), 'st-chat-kill-b-'));
    const [a, b] = await Promise.all([startChild(env), startChild(env, otherDir)]);
    try {
      // Logins are per proxy until they are shared (Redis): each person logs in on both.
      const onA = await Promise.all(SENDERS.map((id) => Person.login(a.url, id)));
      const onB = new Map(
        await Promise.all(SENDERS.map(async (id) => [id, await Person.login(b.url, id)] as const)),
      );
      const conversationId = await conversationOf(onA);
      const { acknowledged, sent } = await sendUntilKilled(a, onA, conversationId);
      expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);

      // The client did not hear back about some sends: it retries every one on B, as it would.
      const retried = await Promise.all(
        [...sent].map(async ([clientId, person]) => {
          const answer = await onB.get(person.id)!.send(conversationId, `message ${clientId}`, clientId);
          return [clientId, answer] as const;
        }),
      );
      for (const [clientId, answer] of retried) {
        expect([200, 201]).toContain(answer.status);
        const message = answer.body.message as ChatMessage;
        expect(message.clientId).toBe(clientId);
        // An acknowledged send answers the message stored on A (200), not a second one.
        if (acknowledged.has(clientId)) {
          expect(answer.status).toBe(200);
          expect(message).toEqual(acknowledged.get(clientId));
        }
      }
      const history = await wholeHistory(onB.get('alice')!, conversationId);
      expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));
      expect(history.map((m) => m.clientId).sort()).toEqual([...sent.keys()].sort());
    } finally {
      a.child.kill('SIGKILL');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
      await rm(otherDir, { recursive: true, force: true });
    }
  }, 90_000);
});
