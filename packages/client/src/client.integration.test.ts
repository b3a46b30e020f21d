/**
 * The SDK against a real proxy over HTTP and WebSocket: logins, presence, status, cards, contacts,
 * the cookie mode and errors as classes.
 */
import { startTestProxy } from '@st/proxy/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { memoryStorage } from './cache-storage.ts';
import { createClient } from './client.ts';
import { StAuthError, StRateLimitError, StValidationError } from './errors.ts';
import { cookieFetch, next, SocketLog, whenState, whenStatus } from './test-support.ts';
import type { ClientOptions, StClient } from './types.ts';

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

function nodeClient(options: Partial<ClientOptions> = {}, log = new SocketLog()) {
  const client = createClient({
    server: proxy.url,
    WebSocket: log.ctor(),
    storage: false,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    ...options,
  });
  clients.push(client);
  return { client, log };
}

describe('logging in', () => {
  it('logs in, knows who it is, and resumes by token (with plain `ws`)', async () => {
    const client = createClient({ server: `${proxy.url}/`, WebSocket, storage: false });
    clients.push(client);
    const user = await client.login('alice', 'demo');
    expect(user).toMatchObject({ id: 'alice' });
    expect(user.displayName).not.toBe('');
    expect(client.user).toEqual(user);
    expect(await client.resume()).toEqual(user);
    client.myPresence$.subscribe();
    expect(await next(client.myPresence$, (p) => p.status !== 'unknown')).toMatchObject({ userId: 'alice' });
  });

  it('opens the stream once something is watched, and says so', async () => {
    const { client, log } = nodeClient();
    const states: string[] = [];
    client.state$.subscribe((s) => states.push(s.status));
    await client.login('alice', 'demo');
    expect(log.sockets).toHaveLength(0);
    client.presence('bob').subscribe();
    const connected = await whenState(client.state$, (s) => s.status === 'connected');
    expect(connected).toMatchObject({ code: 'connected', attempt: 0 });
    expect(states).toEqual(['idle', 'connecting', 'connected']);
    expect(log.current?.protocol).toBe('st.v1');
  });
});

describe('presence', () => {
  it('emits unknown at once, then follows another user’s setStatus', async () => {
    const { client: bob } = nodeClient();
    await bob.login('bob', 'demo');
    const { client: alice } = nodeClient();
    await alice.login('alice', 'demo');

    const bob$ = alice.presence('bob');
    const seen: string[] = [];
    const subscription = bob$.subscribe((p) => seen.push(p.status));
    expect(seen).toEqual(['unknown']);
    await whenStatus(bob$, 'available');

    await bob.setStatus('away', 'back at 3');
    const away = await whenStatus(bob$, 'away');
    expect(away).toEqual({ userId: 'bob', status: 'away', message: 'back at 3', mobile: false });
    await bob.setStatus('available');
    await whenStatus(bob$, 'available');
    subscription.unsubscribe();
  });

  it('shows the user’s own presence, set from another client of theirs', async () => {
    const { client: tab1 } = nodeClient();
    const { client: tab2 } = nodeClient();
    await tab1.login('carol', 'demo');
    await tab2.login('carol', 'demo');
    tab1.myPresence$.subscribe();
    await whenStatus(tab1.myPresence$, 'available');
    await tab2.setStatus('dnd', 'heads down');
    const mine = await whenStatus(tab1.myPresence$, 'dnd');
    expect(mine.message).toBe('heads down');
    await tab2.setStatus('available');
  });

  it('says offline for a person who does not exist', async () => {
    const { client } = nodeClient();
    await client.login('alice', 'demo');
    const ghost$ = client.presence('nobody-at-all');
    ghost$.subscribe();
    expect(await whenStatus(ghost$, 'offline')).toMatchObject({ userId: 'nobody-at-all' });
  });

  it('renders cached presence at once on the next visit, and forgets it on logout', async () => {
    const storage = memoryStorage();
    const { client: dave } = nodeClient();
    await dave.login('dave', 'demo');
    await dave.setStatus('in-meeting', 'standup');

    const { client: first } = nodeClient({ storage });
    await first.login('erin', 'demo');
    const dave$ = first.presence('dave');
    dave$.subscribe();
    await whenStatus(dave$, 'in-meeting');
    first.close();
    await expect.poll(async () => (await storage.load('erin')).length).toBeGreaterThan(0);

    // The next visit cannot reach the stream: the value can only come from the cache.
    const offline = new SocketLog();
    offline.refuse = true;
    const { client: second } = nodeClient({ storage }, offline);
    await second.login('erin', 'demo');
    const cached$ = second.presence('dave');
    cached$.subscribe();
    expect(await whenStatus(cached$, 'in-meeting')).toMatchObject({ message: 'standup' });

    await second.logout();
    expect(await storage.load('erin')).toEqual([]);
    await dave.setStatus('available');
  });
});

describe('people', () => {
  it('batches card requests and answers undefined for nobody', async () => {
    const requests: string[] = [];
    const counting: typeof fetch = (input, init) => {
      requests.push(String(input));
      return fetch(input, init);
    };
    const { client } = nodeClient({ fetch: counting });
    await client.login('alice', 'demo');
    requests.length = 0;
    const ids = ['bob', 'carol', 'nobody', ...Array.from({ length: 147 }, (_, i) => `x${i}`)];
    const cards = await Promise.all(
      ids.map(
        (id) => new Promise((resolve, reject) => client.card(id).subscribe({ next: resolve, error: reject })),
      ),
    );
    expect(requests.filter((r) => r.includes('/api/v1/users?ids='))).toHaveLength(2);
    expect(cards[0]).toMatchObject({ id: 'bob' });
    expect(cards[1]).toMatchObject({ id: 'carol' });
    expect(cards[2]).toBeUndefined();
  });

  it('reads the contact list and searches the directory', async () => {
    const { client } = nodeClient();
    await client.login('alice', 'demo');
    const groups = await client.contacts();
    const team = groups.find((g) => g.name === 'Team');
    expect(team?.members.map((m) => m.id)).toEqual(expect.arrayContaining(['bob', 'carol', 'dave']));
    const found = await client.searchDirectory('bo');
    expect(found.map((p) => p.id)).toContain('bob');
    expect(await client.searchDirectory('b')).toEqual([]);
  });
});

describe('cookie mode', () => {
  it('uses the cookie and the CSRF header, resumes by cookie and logs out', async () => {
    const jar = cookieFetch();
    const log = new SocketLog();
    log.headers = () => ({ cookie: jar.cookie() });
    const options = { fetch: jar.fetch, useLoginToken: false };
    const { client } = nodeClient(options, log);
    await client.login('grace', 'demo');
    await client.setStatus('in-meeting', 'review');
    client.myPresence$.subscribe();
    expect(await whenStatus(client.myPresence$, 'in-meeting')).toMatchObject({ message: 'review' });
    expect(log.current?.protocol).toBe('st.v1');

    const { client: reloaded } = nodeClient(options);
    expect(await reloaded.resume()).toMatchObject({ id: 'grace' });
    await client.logout();
    expect(await reloaded.resume()).toBeNull();
  });
});

describe('errors', () => {
  it('are classes with the catalogue codes', async () => {
    const { client } = nodeClient();
    const wrong = await client.login('alice', 'wrong').catch((e) => e);
    expect(wrong).toBeInstanceOf(StAuthError);
    expect(wrong).toMatchObject({ code: 'ST_ERR_BAD_CREDENTIALS', status: 401 });

    const anonymous = await client.contacts().catch((e) => e);
    expect(anonymous).toBeInstanceOf(StAuthError);
    expect(anonymous.code).toBe('ST_ERR_UNAUTHENTICATED');

    await client.login('alice', 'demo');
    const invalid = await client.setStatus('sleeping' as 'away').catch((e) => e);
    expect(invalid).toBeInstanceOf(StValidationError);
    expect(invalid.code).toBe('ST_ERR_VALIDATION');
  });

  it('reports the login rate limit with the time to wait', async () => {
    const own = await startTestProxy();
    try {
      const client = createClient({ server: own.url, storage: false });
      clients.push(client);
      let error: unknown;
      for (let i = 0; i < 20 && !(error instanceof StRateLimitError); i++) {
        error = await client.login('heidi', `wrong-${i}`).catch((e) => e);
      }
      expect(error).toBeInstanceOf(StRateLimitError);
      expect((error as StRateLimitError).retryAfterMs).toBeGreaterThan(0);
    } finally {
      await own.close();
    }
  });
});
