import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from './server.ts';
import { login, type TestSession } from './test-support.ts';
import { startTestProxy } from './testing.ts';

let proxy: RunningProxy;
let session: TestSession;
beforeAll(async () => {
  proxy = await startTestProxy();
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

const ROUTES: [string, string][] = [
  ['POST', '/api/v1/session'],
  ['GET', '/api/v1/session'],
  ['DELETE', '/api/v1/session'],
  ['PUT', '/api/v1/me/status'],
  ['PUT', '/api/v1/session/state'],
  ['GET', '/api/v1/me/contacts'],
  ['GET', '/api/v1/presence'],
  ['GET', '/api/v1/users'],
  ['GET', '/api/v1/users/bob'],
  ['GET', '/api/v1/users/bob/photo'],
  ['GET', '/api/v1/directory'],
  ['POST', '/api/v1/watch'],
  ['GET', '/api/v1/poll'],
  ['GET', '/api/v1/ws'],
  ['GET', '/api/v1/openapi.json'],
  ['GET', '/%61pi/v1/session'],
  ['PUT', '/api/v1/me/privacy'],
  ['PATCH', '/api/v1/me/preferences'],
  ['POST', '/api/v1/me/contacts/groups'],
  ['PUT', '/api/v1/me/contacts/nicknames/bob'],
];

const JUNK_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(3000),
  '\u0000\uFFFF',
  '🙂',
  [],
  [null],
  {},
  { status: 'away' },
  { userId: 'alice', password: 7 },
  { stream: 123, add: 'bob' },
  { add: [1, 2], remove: [{}] },
  { idle: 'yes' },
  { constructor: { prototype: { polluted: true } } },
  { __proto__: { polluted: true } },
  { status: 'available', message: 'evil\u202Egnp.exe' },
  { status: 'away', message: '\u0000\u001b[31m' },
  { name: '\u2066x\u2069' },
  { nickname: 'a'.repeat(100_000) },
  { mode: 'only-these', people: Array.from({ length: 2000 }, (_, i) => `p${i}`) },
  { idleMinutes: -1 },
];

const JUNK_QUERIES = [
  '?users=',
  '?users=,,,',
  '?ids=%00',
  '?q=a',
  '?q=%F0%9F%99%82%F0%9F',
  '?limit=-5&q=al',
  '?since=1e99',
  '?stream=&since=',
  '?a[b]=c',
  '?users=a&users=b',
  '?access_token=junk',
  `?users=${'a,'.repeat(1200)}`,
  '?q=%E2%80%AE',
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function junkBody(next: () => number): { body?: string; type?: string } {
  const kind = Math.floor(next() * 5);
  if (kind === 0) return { body: JSON.stringify(pick(next, JUNK_VALUES)), type: 'application/json' };
  if (kind === 1) return { body: '{"userId": "alice", "password": ', type: 'application/json' };
  if (kind === 2)
    return {
      body: String.fromCharCode(...Array.from({ length: 40 }, () => Math.floor(next() * 256))),
      type: pick(next, ['application/json', 'text/plain', 'application/octet-stream']),
    };
  if (kind === 3)
    return {
      body: JSON.stringify({
        [pick(next, ['userId', 'status', 'add', 'stream', 'idle'])]: pick(next, JUNK_VALUES),
      }),
      type: 'application/json; charset=utf-8',
    };
  return {};
}

async function stillLoggedIn(): Promise<boolean> {
  const response = await fetch(`${proxy.url}/api/v1/session`, {
    headers: { authorization: `Bearer ${session.token}` },
  });
  await response.body?.cancel();
  return response.status === 200;
}

/** Hostile requests sent, in batches of this many at once. */
const REQUESTS = 10_000;
const AT_ONCE = 25;

describe('fuzz', () => {
  it(`answers ${REQUESTS} junk requests on every route with a 4xx JSON error or a success, never a 5xx`, async () => {
    const next = random(20_241_125);
    const failures: string[] = [];
    let batch: Promise<void>[] = [];
    let loggedOut = false;
    for (let i = 0; i < REQUESTS; i++) {
      const [method, path] = pick(next, ROUTES);
      const query = next() < 0.6 ? pick(next, JUNK_QUERIES) : '';
      const { body, type } = method === 'GET' ? {} : junkBody(next);
      const headers: Record<string, string> = {};
      if (type) headers['content-type'] = type;
      const credential = Math.floor(next() * 4);
      if (credential === 1) headers.authorization = `Bearer ${session.token}`;
      if (credential === 2)
        headers.authorization = pick(next, ['Bearer', 'Bearer  ', 'Basic x', `Bearer ${'a'.repeat(500)}`]);
      if (credential === 3) {
        headers.cookie = `${session.cookie}; other=1`;
        headers['x-st-csrf'] = next() < 0.5 ? session.csrfToken : 'junk';
      }
      const hostile = Math.floor(next() * 4);
      if (hostile === 1)
        headers.origin = pick(next, ['https://evil.example', 'null', '%', 'http://127.0.0.1:1']);
      if (hostile === 2) headers['x-forwarded-for'] = pick(next, ['1.2.3.4', 'junk', '::1, 10.0.0.1', '']);
      if (hostile === 3) headers['x-forwarded-proto'] = 'https';
      batch.push(
        (async () => {
          const response = await fetch(`${proxy.url}${path}${query}`, { method, headers, body });
          const text = await response.text();
          if (method === 'DELETE' && response.status === 204) loggedOut = true;
          if (response.status >= 500)
            failures.push(`${method} ${path}${query} ${body ?? ''} → ${response.status} ${text}`);
          if (response.status >= 400) {
            const parsed = JSON.parse(text);
            if (typeof parsed.error?.code !== 'string')
              failures.push(`${method} ${path}${query} → not an error body: ${text}`);
          }
        })(),
      );
      if (batch.length === AT_ONCE) {
        await Promise.all(batch);
        batch = [];
        // A junk call may have logged the session out: log in again so later calls get past authentication.
        if (loggedOut && !(await stillLoggedIn())) session = await login(proxy.url, 'alice');
        loggedOut = false;
      }
    }
    await Promise.all(batch);
    expect(failures).toEqual([]);
  }, 180_000);
});
