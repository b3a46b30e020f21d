/**
 * SIGKILL of a proxy while a client posts 120 messages, each retried on the other proxy with the
 * same `clientId` when the first gave no answer: every acknowledged message is stored exactly
 * once, with contiguous sequence numbers; the sender's stream resumes on the other proxy (saying
 * `recovered: false`, so the client reloads), and the recipient's stream there got no message
 * twice. Two proxies with empty data folders sharing one Redis and one PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Person } from '../chat/chat-test-support.ts';
import type { RunningProxy } from '../server.ts';
import { login, request, TestSocket } from '../test-support.ts';
import { TestPostgres } from '../testing/postgres.ts';
import { type ProxyProcess, startProxyProcess } from '../testing/proxy-process.ts';
import { startRedis, type TestRedis } from '../testing/redis.ts';
import { startTestProxy } from '../testing.ts';

const MESSAGES = 120;
const KILL_AT = 40;

let redis: TestRedis;
let postgres: TestPostgres;
let databaseUrl: string;
let a: ProxyProcess;
let b: RunningProxy;

beforeAll(async () => {
  redis = await startRedis();
  postgres = await TestPostgres.start({ fsync: false });
  databaseUrl = await postgres.createDatabase();
  a = await startProxyProcess({
    ST_REDIS_URL: redis.url,
    ST_DATABASE_URL: databaseUrl,
    ST_NODE_ID: 'a',
    ST_GRACE_SECONDS: '2',
    // 120 messages in a few seconds: past a person's usual budget, which is not what is tested.
    ST_CHAT_MESSAGE_BURST: '1000',
  });
  b = await startTestProxy({
    redisUrl: redis.url,
    databaseUrl,
    nodeId: 'b',
    graceSeconds: 2,
    chatMessageBurst: 1000,
  });
  // Servers start slowly on a loaded machine (Redis, PostgreSQL, proxies, some as processes).
}, 120_000);
afterAll(async () => {
  await a?.kill();
  await b?.close();
  await postgres?.dispose();
  await redis?.stop();
});

interface Ack {
  clientId: string;
  seq: number;
  id: string;
}

/** Posts through `base`; undefined when the proxy gave no answer (it died) or a 5xx. */
async function post(base: string, token: string, conversation: string, i: number): Promise<Ack | undefined> {
  try {
    const answer = await request(base, `/api/v1/conversations/${conversation}/messages`, {
      method: 'POST',
      token,
      json: { text: `message ${i}`, clientId: `client-${i}` },
    });
    if (answer.status >= 500) return undefined;
    expect([200, 201]).toContain(answer.status);
    const { message } = (await answer.json()) as { message: { seq: number; id: string; clientId: string } };
    return { clientId: `client-${i}`, seq: message.seq, id: message.id };
  } catch {
    return undefined;
  }
}

describe('SIGKILL of a proxy while a client posts', () => {
  it('stores every acknowledged message exactly once, in order, and the streams carry on on B', async () => {
    const alice = await login(a.url, 'alice');
    const bob = await Person.login(b.url, 'bob');
    await bob.connect();
    const aliceStream = TestSocket.open(a.url, { token: alice.token });
    const hello = await aliceStream.hello();
    const opened = await request(a.url, '/api/v1/conversations/im/bob', {
      method: 'PUT',
      token: alice.token,
    });
    const conversation = ((await opened.json()) as { conversation: { id: string } }).conversation.id;

    const acks: Ack[] = [];
    let current = a.url;
    let killed: Promise<void> | undefined;
    for (let i = 1; i <= MESSAGES; i++) {
      const sending = post(current, alice.token, conversation, i);
      // A dies with this message in flight: it may or may not have been stored.
      if (i === KILL_AT) killed = a.kill();
      let ack = await sending;
      if (!ack) {
        current = b.url;
        ack = await post(current, alice.token, conversation, i);
      }
      expect(ack, `message ${i} was acknowledged`).toBeDefined();
      acks.push(ack!);
    }
    await killed;
    expect(current).toBe(b.url);

    // Exactly once, contiguous, in the order sent.
    expect(acks.map((ack) => ack.seq)).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    const history = await bob.call<{ messages: { seq: number; text: string; clientId?: string }[] }>(
      'GET',
      `/conversations/${conversation}/messages?limit=200`,
    );
    expect(history.body.messages.map((m) => m.seq)).toEqual(acks.map((ack) => ack.seq));
    expect(history.body.messages.map((m) => m.text)).toEqual(acks.map((_, i) => `message ${i + 1}`));

    // Bob's stream on B never got a message twice.
    const seen = bob.events('message').map((f) => f.message.seq as number);
    expect(new Set(seen).size).toBe(seen.length);
    await bob.event('message', (f) => f.message.seq === MESSAGES);

    // Alice's stream resumes on B: a new stream there, said plainly (recovered: false).
    const resumed = TestSocket.open(b.url, { token: alice.token, stream: hello.streamId, since: hello.seq });
    expect(await resumed.hello()).toMatchObject({ userId: 'alice', recovered: false });
    const more = await post(b.url, alice.token, conversation, MESSAGES + 1);
    expect(more?.seq).toBe(MESSAGES + 1);
    await resumed.next((f) => f.type === 'message' && f.message.seq === MESSAGES + 1);
    await Promise.all([resumed.close(), bob.disconnect()]);
  }, 120_000);
});
