/**
 * What a hostile caller tried against a running proxy, each refused (docs/security.md). Items are
 * numbered as in the hardening review; SSO (7) is in auth/sso*.test.ts, LDAP (8) in
 * directory/ldap/ldap.test.ts, hidden people in conversations (10) in chat/privacy-chat.test.ts.
 */
import { LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Person } from './chat/chat-test-support.ts';
import type { RunningProxy } from './server.ts';
import { errorCode, login, request, type TestSession, TestSocket } from './test-support.ts';
import { startTestProxy } from './testing.ts';

let proxy: RunningProxy;
/** Behind a load balancer on loopback: X-Forwarded-For names the client. */
let behind: RunningProxy;
beforeAll(async () => {
  proxy = await startTestProxy();
  behind = await startTestProxy({
    trustProxy: ['127.0.0.1'],
    anonymousAwareness: true,
    anonymousStreamsPerAddress: 1,
  });
});
afterAll(async () => {
  await proxy.close();
  await behind.close();
});

const FOREIGN = 'https://evil.example';

function tryLogin(base: string, userId: string, password: string, from?: string): Promise<Response> {
  return request(base, '/api/v1/session', {
    method: 'POST',
    json: { userId, password },
    ...(from ? { headers: { 'x-forwarded-for': from } } : {}),
  });
}

describe('1. password guessing', () => {
  it('checks at most the limit of 40 parallel guesses, and a burst from one address locks no one out elsewhere', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => tryLogin(behind.url, 'erin', `guess-${i}`, '198.51.100.7')),
    );
    const checked = guesses.filter((r) => r.status === 401).length;
    expect(checked).toBeLessThanOrEqual(LIMITS.loginAttempts);
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(40 - checked);
    // Keep going from that address until its budget for erin is spent.
    for (let i = 0; i < LIMITS.loginAttempts; i++)
      await tryLogin(behind.url, 'erin', 'guess', '198.51.100.7');
    expect((await tryLogin(behind.url, 'erin', 'demo', '198.51.100.7')).status).toBe(429);
    // Erin, from her own address, still gets in; so does anyone else from the guessing address.
    expect((await tryLogin(behind.url, 'erin', 'demo', '192.0.2.44')).status).toBe(201);
    expect((await tryLogin(behind.url, 'frank', 'demo', '198.51.100.7')).status).toBe(201);
  });
});

describe('2. logins, streams and watched people are bounded', () => {
  it(`refuses a login past ${LIMITS.loginsPerPerson} per person with ST_ERR_TOO_MANY_LOGINS, until one ends`, async () => {
    const sessions = [];
    for (let i = 0; i < LIMITS.loginsPerPerson; i++) sessions.push(await login(proxy.url, 'heidi'));
    const refused = await tryLogin(proxy.url, 'heidi', 'demo');
    expect(refused.status).toBe(429);
    expect(await errorCode(refused)).toBe('ST_ERR_TOO_MANY_LOGINS');
    expect(refused.headers.get('retry-after')).not.toBeNull();
    const out = await request(proxy.url, '/api/v1/session', { method: 'DELETE', token: sessions[0]!.token });
    expect(out.status).toBe(204);
    expect((await tryLogin(proxy.url, 'heidi', 'demo')).status).toBe(201);
  });

  it(`refuses a stream past ${LIMITS.streamsPerLogin} per login, over HTTP with 429 and over WebSocket with 4429`, async () => {
    const ivan = await login(proxy.url, 'ivan');
    for (let i = 0; i < LIMITS.streamsPerLogin; i++) {
      expect((await request(proxy.url, '/api/v1/poll', { token: ivan.token })).status).toBe(200);
    }
    const refused = await request(proxy.url, '/api/v1/poll', { token: ivan.token });
    expect(refused.status).toBe(429);
    expect(await errorCode(refused)).toBe('ST_ERR_TOO_MANY_STREAMS');
    const socket = TestSocket.open(proxy.url, { token: ivan.token });
    expect((await socket.closed).code).toBe(4429);
    // Another login of the same person has streams of its own.
    const other = await login(proxy.url, 'ivan');
    expect((await request(proxy.url, '/api/v1/poll', { token: other.token })).status).toBe(200);
  });

  it(`budgets the people a person's streams watch together at ${LIMITS.watchIdsPerPerson}`, async () => {
    const judy = await login(proxy.url, 'judy');
    const streams: string[] = [];
    const perStream = LIMITS.watchIdsPerSession;
    const streamCount = Math.floor(LIMITS.watchIdsPerPerson / perStream);
    for (let s = 0; s < streamCount + 1; s++) {
      const opened = await (await request(proxy.url, '/api/v1/poll', { token: judy.token })).json();
      streams.push(opened.streamId);
    }
    const watch = (stream: string, add: string[]) =>
      request(proxy.url, '/api/v1/watch', { method: 'POST', token: judy.token, json: { stream, add } });
    for (let s = 0; s < streamCount; s++) {
      for (let from = 0; from < perStream; from += LIMITS.watchIdsPerMessage) {
        const add = Array.from({ length: LIMITS.watchIdsPerMessage }, (_, i) => `made-up-${s}-${from + i}`);
        expect((await watch(streams[s]!, add)).status).toBe(200);
      }
    }
    const over = await watch(streams[streamCount]!, ['one-more']);
    expect(over.status).toBe(400);
    expect(await errorCode(over)).toBe('ST_ERR_WATCH_LIMIT');
  });

  it('keys search and settings budgets by person, and privacy and preferences share one', async () => {
    // Three logins of one person search at once: together they get one person's budget (and what
    // refills meanwhile), not three.
    const logins: TestSession[] = [];
    for (let i = 0; i < 3; i++) logins.push(await login(proxy.url, 'kenji'));
    const searches = await Promise.all(
      Array.from({ length: 3 * LIMITS.searchBurst }, (_, i) =>
        request(proxy.url, '/api/v1/directory?q=al', { token: logins[i % 3]!.token }),
      ),
    );
    const searched = searches.filter((r) => r.status === 200).length;
    expect(searched).toBeGreaterThanOrEqual(LIMITS.searchBurst);
    expect(searched).toBeLessThan(2 * LIMITS.searchBurst);
    expect(searches.filter((r) => r.status === 429)).toHaveLength(3 * LIMITS.searchBurst - searched);

    // Privacy and preferences, from two logins: one budget, not four.
    const writes = await Promise.all(
      Array.from({ length: 2 * LIMITS.settingsWrites }, (_, i) =>
        i % 2 === 0
          ? request(proxy.url, '/api/v1/me/privacy', {
              method: 'PUT',
              token: logins[i % 4 < 2 ? 0 : 1]!.token,
              json: { mode: 'everybody-except', people: [] },
            })
          : request(proxy.url, '/api/v1/me/preferences', {
              method: 'PATCH',
              token: logins[i % 4 < 2 ? 0 : 1]!.token,
              json: { idleMinutes: 10 },
            }),
      ),
    );
    const written = writes.filter((r) => r.status === 200).length;
    expect(written).toBeGreaterThanOrEqual(LIMITS.settingsWrites);
    expect(written).toBeLessThan(1.5 * LIMITS.settingsWrites);
  });
});

describe('3. the origin check', () => {
  it('guards a percent-encoded API path like the plain one', async () => {
    const alice = await login(proxy.url, 'alice');
    for (const path of ['/api/v1/session', '/%61pi/v1/session', '/api/v1/%73ession', '/%2561pi/v1/session']) {
      const response = await request(proxy.url, path, { cookie: alice.cookie, origin: FOREIGN });
      expect(response.status, path).not.toBe(200);
      expect(JSON.stringify(await response.json()), path).not.toContain('csrfToken');
    }
    const encoded = await request(proxy.url, '/%61pi/v1/session', { cookie: alice.cookie, origin: FOREIGN });
    expect(encoded.status).toBe(403);
    expect(await errorCode(encoded)).toBe('ST_ERR_ORIGIN_NOT_ALLOWED');
  });
});

describe('4. status and idleness changes', () => {
  it('are budgeted per person: a burst of 600 is mostly refused with 429', async () => {
    const bob = await login(proxy.url, 'bob');
    const answers: number[] = [];
    for (let round = 0; round < 12; round++) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          request(proxy.url, '/api/v1/me/status', {
            method: 'PUT',
            token: bob.token,
            json: { status: i % 2 === 0 ? 'away' : 'available' },
          }),
        ),
      );
      answers.push(...batch.map((r) => r.status));
    }
    const accepted = answers.filter((s) => s === 204).length;
    expect(accepted).toBeGreaterThanOrEqual(LIMITS.statusChangeBurst);
    expect(accepted).toBeLessThan(LIMITS.statusChangeBurst + 10);
    expect(answers.filter((s) => s === 429)).toHaveLength(600 - accepted);
    // Idleness shares the budget, over HTTP and over WebSocket.
    const idle = await request(proxy.url, '/api/v1/session/state', {
      method: 'PUT',
      token: bob.token,
      json: { idle: true },
    });
    expect(idle.status).toBe(429);
    const socket = TestSocket.open(proxy.url, { token: bob.token });
    await socket.hello();
    socket.send({ type: 'activity', idle: true, id: 7 });
    const error = await socket.next((f) => f.type === 'error' && f.id === 7);
    expect(error.error.code).toBe('ST_ERR_RATE_LIMITED');
    await socket.close();
  });
});

describe('5. text others see', () => {
  const spoofs = ['nul\u0000', 'esc\u001b[31m', 'bell\u0007', 'evil\u202Egnp.exe', 'iso\u2066late\u2069'];

  it('refuses control and bidi override characters in status messages, nicknames, group names and chat', async () => {
    const carol = await Person.login(proxy.url, 'carol');
    const conversation = await carol.openIm('dave');
    for (const text of spoofs) {
      const status = await carol.call('PUT', '/me/status', { status: 'available', message: text });
      expect(status.status, JSON.stringify(text)).toBe(400);
      const group = await carol.call('POST', '/me/contacts/groups', { name: text });
      expect(group.status, JSON.stringify(text)).toBe(400);
      const nickname = await carol.call('PUT', '/me/contacts/nicknames/dave', { nickname: text });
      expect(nickname.status, JSON.stringify(text)).toBe(400);
      const message = await carol.send(conversation.id, text);
      expect(message.status, JSON.stringify(text)).toBe(400);
    }
    // Line breaks, tabs and any language's letters stay fine where text has lines.
    expect((await carol.send(conversation.id, 'two\nlines\tand ש and 😀')).status).toBe(201);
    expect((await carol.call('PUT', '/me/status', { status: 'away', message: 'לא כאן' })).status).toBe(204);
  });
});

describe('6. the session cookie', () => {
  it('is renewed only when the cookie was the credential, never for a Bearer token', async () => {
    const dave = await login(proxy.url, 'dave');
    const byBearer = await request(proxy.url, '/api/v1/session', { token: dave.token });
    expect(byBearer.status).toBe(200);
    expect(byBearer.headers.get('set-cookie')).toBeNull();
    const byCookie = await request(proxy.url, '/api/v1/session', { cookie: dave.cookie });
    expect(byCookie.headers.get('set-cookie')).toContain(`st_session=${dave.token}`);
  });
});

/** Opens an anonymous WebSocket as if from `from` (through the trusted load balancer), answers its close code or 'open'. */
async function anonymousSocket(from: string): Promise<{ code: number | 'open'; socket: WebSocket }> {
  const socket = new WebSocket(`${behind.url.replace(/^http/, 'ws')}/api/v1/ws`, ['st.v1'], {
    headers: { 'x-forwarded-for': from },
  });
  socket.on('error', () => {});
  const code = await new Promise<number | 'open'>((resolve) => {
    socket.once('message', () => resolve('open'));
    socket.once('close', (closeCode) => resolve(closeCode));
  });
  return { code, socket };
}

describe('9. behind a load balancer', () => {
  it('keys WebSocket limits by X-Forwarded-For from a trusted peer, IPv6 by /64', async () => {
    const first = await anonymousSocket('203.0.113.5');
    expect(first.code).toBe('open');
    expect((await anonymousSocket('203.0.113.5')).code).toBe(4429);
    const other = await anonymousSocket('203.0.113.6');
    expect(other.code).toBe('open');
    const v6 = await anonymousSocket('2001:db8:0:1::1');
    expect(v6.code).toBe('open');
    expect((await anonymousSocket('2001:db8:0:1::99')).code).toBe(4429);
    for (const s of [first.socket, other.socket, v6.socket]) s.close();
  });

  it('ignores X-Forwarded-For from anyone else', async () => {
    for (let i = 0; i < LIMITS.loginAttempts; i++) {
      await tryLogin(proxy.url, 'leila', 'guess', `192.0.2.${i + 1}`);
    }
    // The header changed nothing: every guess came from loopback, so loopback is refused for peggy.
    expect((await tryLogin(proxy.url, 'leila', 'demo', '192.0.2.200')).status).toBe(429);
  });

  it('makes the cookie Secure for X-Forwarded-Proto: https from a trusted peer only', async () => {
    const through = await request(behind.url, '/api/v1/session', {
      method: 'POST',
      json: { userId: 'alice', password: 'demo' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(through.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const direct = await request(proxy.url, '/api/v1/session', {
      method: 'POST',
      json: { userId: 'alice', password: 'demo' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(direct.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});
