/**
 * 500 hostile WebSocket frames: each is answered with an `error` frame of a client's code, an
 * ack, or a close with a client's code (4400, 4429, 1009); never an internal error, and the proxy
 * keeps serving.
 */
import { ERRORS, type ErrorCode, LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { login, type TestSession, TestSocket } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
let session: TestSession;
beforeAll(async () => {
  // No grace period: a closed socket's stream ends at once, so reconnecting never runs into the
  // per-login stream limit.
  proxy = await startTestProxy({ graceSeconds: 0 });
  session = await login(proxy.url, 'alice');
});
afterAll(() => proxy.close());

/** A small deterministic generator, so a failure can be reproduced from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

const HOSTILE: (string | Buffer)[] = [
  '',
  'not json',
  '{"type":',
  'null',
  '[]',
  '"watch"',
  '{"type":"nope"}',
  '{"type":"watch"}',
  '{"type":"watch","add":"bob"}',
  '{"type":"watch","add":[1,2,3]}',
  '{"type":"watch","add":["\\u0000"]}',
  '{"type":"watch","add":["a,b"],"remove":[{}]}',
  JSON.stringify({
    type: 'watch',
    add: Array.from({ length: LIMITS.watchIdsPerMessage + 1 }, (_, i) => `x${i}`),
  }),
  JSON.stringify({ type: 'watch', add: ['x'.repeat(LIMITS.userIdLength + 1)] }),
  '{"type":"activity","idle":"yes"}',
  '{"type":"activity","idle":true,"id":-1}',
  '{"type":"ping","id":1e309}',
  '{"__proto__":{"polluted":true},"type":"ping"}',
  '{"constructor":{"prototype":{"polluted":true}},"type":"ping"}',
  '{"type":"watch","add":["evil\\u202Egnp"]}',
  Buffer.from([0, 1, 2, 255]),
  'x'.repeat(LIMITS.wsFrameBytes + 1),
];

/** Close codes a client's mistakes may earn. */
const CLIENT_CLOSES = new Set([4400, 4429, 1009]);

describe('WebSocket fuzz', () => {
  it('answers 500 hostile frames with client errors only, and keeps serving', async () => {
    const next = random(20_261_204);
    const problems: string[] = [];
    let sent = 0;
    while (sent < 500) {
      const socket = TestSocket.open(proxy.url, { token: session.token });
      await socket.hello();
      // A batch of hostile frames, each followed by a ping so a bad run never reaches the close.
      // Only frames sent on an open socket count (one too large closes it).
      for (let i = 0; i < 30 && sent < 500 && socket.socket.readyState === socket.socket.OPEN; i++, sent++) {
        const frame = pick(next, HOSTILE);
        socket.socket.send(frame, { binary: Buffer.isBuffer(frame) });
        socket.send({ type: 'ping' });
      }
      if (socket.socket.readyState === socket.socket.OPEN) socket.send({ type: 'ping', id: 424242 });
      const ended = await Promise.race([
        socket.next((f) => f.type === 'ack' && f.id === 424242).then(() => null),
        socket.closed,
      ]).catch(() => socket.closed);
      if (ended && !CLIENT_CLOSES.has(ended.code)) problems.push(`closed with ${ended.code} ${ended.reason}`);
      for (const frame of socket.frames.filter((f) => f.type === 'error')) {
        const code = frame.error?.code as ErrorCode;
        if (!(code in ERRORS) || ERRORS[code].status >= 500) problems.push(JSON.stringify(frame));
      }
      if (!ended) await socket.close();
    }
    expect(problems).toEqual([]);
    expect(sent).toBe(500);
    // Still serving.
    const after = TestSocket.open(proxy.url, { token: session.token });
    expect((await after.hello()).userId).toBe('alice');
    await after.close();
    expect((await fetch(`${proxy.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
