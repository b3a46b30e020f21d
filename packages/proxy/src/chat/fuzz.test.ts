/** Junk on every chat route: a 4xx JSON error or a success, never a 5xx. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { startTestProxy } from '../testing.ts';
import { Person } from './chat-test-support.ts';

let proxy: RunningProxy;
let alice: Person;
let routes: [string, string][];
beforeAll(async () => {
  proxy = await startTestProxy();
  alice = await Person.login(proxy.url, 'alice');
  const im = await alice.openIm('bob');
  const nway = await alice.call<{ conversation: { id: string } }>('POST', '/conversations', {
    participants: ['bob', 'carol'],
  });
  const announced = await alice.call<{ announcement: { id: string } }>('POST', '/announcements', {
    to: ['bob'],
    text: 'x',
  });
  const ids = [im.id, nway.body.conversation.id, 'nw_AAAAAAAAAAAAAAAAAAAA', 'im', '%00', 'x'.repeat(300)];
  routes = [
    ['GET', '/api/v1/conversations'],
    ['POST', '/api/v1/conversations'],
    ['GET', '/api/v1/conversations/im/bob'],
    ['PUT', '/api/v1/conversations/im/bob'],
    ['PUT', '/api/v1/conversations/im/%F0%9F'],
    ['POST', '/api/v1/announcements'],
    ['GET', '/api/v1/announcements'],
    ['POST', `/api/v1/announcements/${announced.body.announcement.id}/replies`],
    ['POST', '/api/v1/announcements/an_nope/replies'],
    ...ids.flatMap((id): [string, string][] => [
      ['GET', `/api/v1/conversations/${id}`],
      ['PATCH', `/api/v1/conversations/${id}`],
      ['POST', `/api/v1/conversations/${id}/participants`],
      ['PUT', `/api/v1/conversations/${id}/participants/me`],
      ['DELETE', `/api/v1/conversations/${id}/participants/me`],
      ['POST', `/api/v1/conversations/${id}/messages`],
      ['GET', `/api/v1/conversations/${id}/messages`],
      ['POST', `/api/v1/conversations/${id}/read`],
      ['POST', `/api/v1/conversations/${id}/delivered`],
      ['POST', `/api/v1/conversations/${id}/typing`],
    ]),
  ];
});
afterAll(() => proxy.close());

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

const JUNK: unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  '🙂',
  [],
  {},
  'x'.repeat(20_000),
  ['bob', 'bob'],
  ['no such'],
  [1, {}],
  true,
];
const FIELDS = [
  'text',
  'clientId',
  'participants',
  'topic',
  'upgradedFrom',
  'ids',
  'seq',
  'typing',
  'to',
  'allowReplies',
];
const QUERIES = [
  '',
  '?limit=0',
  '?limit=1e9',
  '?before=-1',
  '?after=x',
  '?before=1&after=1',
  '?before=9.',
  '?x=1',
];

describe('chat fuzz', () => {
  it('answers junk on every chat route with a 4xx JSON error or a success, never a 5xx', async () => {
    const next = random(4_4_2026);
    const failures: string[] = [];
    for (let i = 0; i < 300; i++) {
      const [method, path] = pick(next, routes);
      const query = method === 'GET' ? pick(next, QUERIES) : '';
      let body: string | undefined;
      if (method !== 'GET' && next() < 0.9) {
        const fields = Object.fromEntries(
          Array.from({ length: 1 + Math.floor(next() * 3) }, () => [pick(next, FIELDS), pick(next, JUNK)]),
        );
        body = next() < 0.1 ? '{"text": ' : JSON.stringify(fields);
      }
      const response = await fetch(`${proxy.url}${path}${query}`, {
        method,
        headers: {
          authorization: `Bearer ${alice.session.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body,
      });
      const text = await response.text();
      if (response.status >= 500)
        failures.push(`${method} ${path}${query} ${body} → ${response.status} ${text}`);
      if (response.status >= 400 && typeof JSON.parse(text).error?.code !== 'string') {
        failures.push(`${method} ${path}${query} → not an error body: ${text}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
