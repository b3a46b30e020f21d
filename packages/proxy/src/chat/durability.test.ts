/**
 * A hard kill of the proxy loses no acknowledged message: a proxy child process takes concurrent
 * sends from several people, is killed with SIGKILL while they are still sending, and restarted on
 * the same data directory; every message that was answered 201 is in the history, once, with the
 * seq and text it was answered with.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChatMessage, HistoryResponse } from '@st/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

async function startChild(): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', ST_DATA_DIR: dataDir, ST_PORT: '0', ST_LOG_LEVEL: 'warn' },
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

describe('a SIGKILL of the proxy', () => {
  it('loses no acknowledged message', async () => {
    const first = await startChild();
    const people = await Promise.all(SENDERS.map((id) => Person.login(first.url, id)));
    const created = await people[0]!.call<{ conversation: { id: string } }>('POST', '/conversations', {
      participants: SENDERS.slice(1),
    });
    const conversationId = created.body.conversation.id;
    const acknowledged = new Map<string, ChatMessage>();
    let killed = false;
    let kill!: () => void;
    const killNow = new Promise<void>((resolve) => {
      kill = resolve;
    });

    const sendLoop = async (person: Person, lane: number) => {
      for (let n = 0; !killed; n++) {
        const clientId = `${person.id}-${lane}-${n}`;
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
    first.child.kill('SIGKILL');
    killed = true;
    await first.exited;
    await Promise.all(loops);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);

    const second = await startChild();
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
