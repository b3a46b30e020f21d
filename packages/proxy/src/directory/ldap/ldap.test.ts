/**
 * The LDAP directory against a real OpenLDAP server (Debian's slapd, started here on free ports
 * with a few hundred generated people), through the proxy's HTTP API.
 */
import { fileURLToPath } from 'node:url';
import { LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyConfig } from '../../config.ts';
import type { RunningProxy } from '../../server.ts';
import { errorCode, login, request, type TestSession, TestSocket, waitFor } from '../../test-support.ts';
import { Slapd } from '../../testing/slapd.ts';
import { startTestProxy } from '../../testing.ts';
import { parseLdapAttributes } from './settings.ts';

const certFile = fileURLToPath(new URL('../../testdata/tls-cert.pem', import.meta.url));
const keyFile = fileURLToPath(new URL('../../testdata/tls-key.pem', import.meta.url));

let slapd: Slapd;
beforeAll(async () => {
  slapd = await Slapd.start({ people: 300, tls: { certFile, keyFile } });
});
afterAll(() => slapd?.dispose());

function ldapSettings(overrides: Partial<ProxyConfig> = {}): Partial<ProxyConfig> {
  return {
    directory: slapd.directorySetting(),
    ldapBindDn: slapd.service.dn,
    ldapBindPassword: slapd.service.password,
    ldapAttributes: parseLdapAttributes('timeZone=st'),
    ldapTimeoutMs: 3000,
    ldapConnectTimeoutMs: 2000,
    ...overrides,
  };
}

function postLogin(proxy: RunningProxy, userId: string, password: string): Promise<Response> {
  return request(proxy.url, '/api/v1/session', { method: 'POST', json: { userId, password } });
}

/** `st_directory_queries_total{op}` as /metrics says it. */
async function queries(proxy: RunningProxy, op: string): Promise<number> {
  const text = await (await fetch(`${proxy.url}/metrics`)).text();
  const match = new RegExp(`^st_directory_queries_total\\{op="${op}"\\} (\\d+)$`, 'm').exec(text);
  return Number(match?.[1] ?? Number.NaN);
}

/** The card searches slapd logged after the first `from`: `(|(uid=a)(uid=b)…)` or one `(uid=a)`. */
function cardSearches(from = 0): string[] {
  return slapd
    .searches()
    .slice(from)
    .filter(
      (filter) =>
        filter.startsWith('(&(objectClass=person)(|(uid=') ||
        /^\(&\(objectClass=person\)\(uid=[^*]*\)\)$/.test(filter),
    );
}

const ids = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `p${String(from + i).padStart(4, '0')}`);

describe('logging in by LDAP bind', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startTestProxy(ldapSettings());
  });
  afterAll(() => proxy.close());

  it('binds as the person; the id is spelled as the directory spells it', async () => {
    const response = await postLogin(proxy, 'alice', 'pw-alice');
    expect(response.status).toBe(201);
    expect((await response.json()).user).toEqual({ id: 'alice', displayName: 'Alice Andersson' });
    const shouted = await postLogin(proxy, 'ALICE', 'pw-alice');
    expect((await shouted.json()).user.id).toBe('alice');
    const sean = await postLogin(proxy, 'sean.obrien', 'pw-sean.obrien');
    expect((await sean.json()).user).toEqual({ id: 'sean.obrien', displayName: "Seán O'Brien" });
  });

  it('logs a person with several ids in under the primary one, whichever they typed', async () => {
    for (const typed of ['quentin', 'q.two', 'Q.TWO']) {
      const response = await postLogin(proxy, typed, 'pw-quentin');
      expect(response.status).toBe(201);
      expect((await response.json()).user.id).toBe('quentin');
    }
  });

  it('counts guesses for one person under one key, however the id is spelled (LDAP ignores case)', async () => {
    for (let i = 0; i < LIMITS.loginAttempts; i++) {
      const spelling = i % 2 === 0 ? 'P0290' : 'p0290';
      expect((await postLogin(proxy, spelling, 'guess')).status).toBe(401);
    }
    expect((await postLogin(proxy, 'P0290', 'pw-p0290')).status).toBe(429);
  });

  it('binds for an unknown id too, so the time taken does not tell who exists', async () => {
    const before = await queries(proxy, 'bind');
    expect((await postLogin(proxy, 'nobody-at-all', 'guess')).status).toBe(401);
    expect(await queries(proxy, 'bind')).toBe(before + 1);
    expect((await postLogin(proxy, 'alice', 'guess')).status).toBe(401);
    expect(await queries(proxy, 'bind')).toBe(before + 2);
  });

  it('refuses a wrong password, an unknown id and an id two entries share, with 401', async () => {
    for (const [userId, password] of [
      ['alice', 'pw-bob'],
      ['nobody', 'pw-nobody'],
      ['twin', 'pw-twin'],
    ] as const) {
      const response = await postLogin(proxy, userId, password);
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('ST_ERR_BAD_CREDENTIALS');
    }
  });

  it('refuses an empty password before LDAP sees it', async () => {
    const from = slapd.searches().length;
    const response = await postLogin(proxy, 'p0007', '');
    expect(response.status).toBe(401);
    // A later search that slapd logs marks the point by which a search for p0007 would show.
    const marker = await request(proxy.url, '/api/v1/users/p0009', {
      token: (await login(proxy.url, 'p0008', { password: 'pw-p0008' })).token,
    });
    expect(marker.status).toBe(200);
    await waitFor(() =>
      slapd
        .searches()
        .slice(from)
        .some((f) => f.includes('uid=p0009')),
    );
    expect(
      slapd
        .searches()
        .slice(from)
        .filter((f) => f.includes('p0007')),
    ).toEqual([]);
  });
});

describe('filter injection', () => {
  let proxy: RunningProxy;
  let session: TestSession;
  beforeAll(async () => {
    proxy = await startTestProxy(ldapSettings());
    session = await login(proxy.url, 'nora', { password: 'pw-nora' });
  });
  afterAll(() => proxy.close());
  const get = (path: string) => request(proxy.url, path, { token: session.token });

  it('never lets an id widen the login search', async () => {
    const from = slapd.searches().length;
    for (const userId of ['*', 'p00*', 'alice)(uid=*', '*)(|(uid=*', 'alice)(|(objectClass=*', 'wild*']) {
      const password = userId.startsWith('wild') ? 'pw-wild' : 'pw-alice';
      const response = await postLogin(proxy, userId, password);
      expect(response.status, userId).toBe(401);
    }
    // NUL (like every control character) is no part of an id: refused before any search.
    expect((await postLogin(proxy, 'alice\u0000', 'pw-alice')).status).toBe(400);
    // The id with every filter character in it logs in as exactly that person.
    const wild = await postLogin(proxy, 'wild*card(1)\\x', 'pw-wild');
    expect(wild.status).toBe(201);
    expect((await wild.json()).user).toEqual({ id: 'wild*card(1)\\x', displayName: 'Wilma Wildcard' });
    // slapd logs each value escaped: not one of them reached it as a wildcard or a parenthesis.
    await waitFor(() => slapd.searches().length >= from + 7);
    const logins = slapd.searches().slice(from);
    expect(logins).toContain('(&(objectClass=person)(uid=\\2A))');
    expect(logins).toContain('(&(objectClass=person)(uid=wild\\2Acard\\281\\29\\5Cx))');
    for (const filter of logins) expect(filter).not.toMatch(/uid=[^)]*\*/);
  });

  it('never lets an id widen a card lookup', async () => {
    expect((await get('/api/v1/users/*')).status).toBe(404);
    expect((await get(`/api/v1/users/${encodeURIComponent('p00*')}`)).status).toBe(404);
    expect(await (await get('/api/v1/users?ids=*,p00*,alice)(uid=*')).json()).toEqual({ users: [] });
    const wild = await get(`/api/v1/users/${encodeURIComponent('wild*card(1)\\x')}`);
    expect((await wild.json()).displayName).toBe('Wilma Wildcard');
  });

  it('matches filter characters in a search literally', async () => {
    const search = async (q: string) =>
      (
        (await (await get(`/api/v1/directory?q=${encodeURIComponent(q)}`)).json()).people as { id: string }[]
      ).map((p) => p.id);
    expect(await search('**')).toEqual([]);
    expect(await search('al\u0000*')).toEqual([]);
    expect(await search('*)(uid=*')).toEqual([]);
    expect(await search('d*c')).toEqual(['wild*card(1)\\x']);
    expect(await search('(1)')).toEqual(['mallory', 'wild*card(1)\\x']); // "<img … alert(1)>" and Wilma
    expect(await search('andersson')).toEqual(['alice']);
    expect(await search('Ångström')).toEqual(['zoe']);
    expect(await search('yamada')).toEqual(['hanako']);
    expect(await search("o'brien")).toEqual(['sean.obrien']);
  });
});

describe('cards and photos', () => {
  let proxy: RunningProxy;
  let session: TestSession;
  beforeAll(async () => {
    proxy = await startTestProxy(ldapSettings());
    session = await login(proxy.url, 'zoe', { password: 'pw-zoe' });
  });
  afterAll(() => proxy.close());
  const get = (path: string, headers: Record<string, string> = {}) =>
    request(proxy.url, path, { token: session.token, headers });

  it('fills the card from the mapped attributes, markup and all as plain text', async () => {
    expect(await (await get('/api/v1/users/alice')).json()).toEqual({
      id: 'alice',
      displayName: 'Alice Andersson',
      title: 'Engineering Manager',
      department: 'Engineering',
      company: 'Example Corp',
      location: 'Stockholm',
      phone: '+46 8 555 0101',
      email: 'alice@example.com',
      language: 'sv',
      timeZone: 'Europe/Stockholm',
      hasPhoto: true,
    });
    const { users } = await (await get('/api/v1/users?ids=mallory,nobody,hanako,nora,zoe')).json();
    expect(users).toEqual([
      {
        id: 'mallory',
        displayName: '<img src=x onerror=alert(1)>',
        title: '<b>Bold</b> & <script>alert(1)</script>',
        hasPhoto: false,
      },
      {
        id: 'hanako',
        displayName: '山田 花子 (Hanako Yamada)',
        location: '東京',
        timeZone: 'Asia/Tokyo',
        hasPhoto: true,
      },
      { id: 'nora', displayName: 'Nora Nophoto', email: 'nora@example.com', hasPhoto: false },
      { id: 'zoe', displayName: 'Zoë Ångström', email: 'zoe@example.com', hasPhoto: true },
    ]);
  });

  it('answers at most 100 cards per call', async () => {
    const response = await get(`/api/v1/users?ids=${ids(1, 101).join(',')}`);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('ST_ERR_TOO_MANY_IDS');
    expect((await (await get(`/api/v1/users?ids=${ids(1, 100).join(',')}`)).json()).users).toHaveLength(100);
  });

  it('serves photos with their type, a strong ETag, a day of private caching, and 304s', async () => {
    const alice = slapd.people.find((p) => p.id === 'alice')!;
    const response = await get('/api/v1/users/alice/photo');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('cache-control')).toBe('private, max-age=86400');
    expect(Buffer.from(await response.arrayBuffer()).equals(alice.photo!)).toBe(true);
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await get('/api/v1/users/alice/photo', { 'if-none-match': tag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    }
    expect((await get('/api/v1/users/alice/photo', { 'if-none-match': '"other"' })).status).toBe(200);

    const png = await get('/api/v1/users/zoe/photo');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('etag')).not.toBe(etag);
    for (const id of ['nora', 'nobody']) {
      const none = await get(`/api/v1/users/${id}/photo`);
      expect(none.status).toBe(404);
      expect(await errorCode(none)).toBe('ST_ERR_USER_NOT_FOUND');
    }
  });
});

describe('queries the directory sees', () => {
  let proxy: RunningProxy;
  let session: TestSession;
  beforeAll(async () => {
    proxy = await startTestProxy(ldapSettings());
    session = await login(proxy.url, 'alice', { password: 'pw-alice' });
  });
  afterAll(() => proxy.close());
  const cards = (list: string[]) =>
    request(proxy.url, `/api/v1/users?ids=${list.join(',')}`, { token: session.token });

  it('asks once per batch of up to 100 people, and never for cached ones', async () => {
    const from = slapd.searches().length;
    const pages = [ids(1, 100), ids(101, 100), ids(201, 100)];
    const answers = await Promise.all(pages.map(cards));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await queries(proxy, 'people')).toBe(3);
    await waitFor(() => cardSearches(from).length >= 3);
    expect(cardSearches(from).map((filter) => filter.match(/\(uid=/g)?.length)).toEqual([100, 100, 100]);

    // Again, cards and "no such person" alike come from the cache.
    await Promise.all(pages.map(cards));
    expect(await queries(proxy, 'people')).toBe(3);
    // One new person is one query; by the time slapd logs it, any other query would show too.
    await cards(['nora']);
    expect(await queries(proxy, 'people')).toBe(4);
    await waitFor(() => cardSearches(from).length >= 4);
    expect(cardSearches(from)).toHaveLength(4);
  });

  it('shares one query among concurrent lookups of one person', async () => {
    const before = await queries(proxy, 'people');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => request(proxy.url, '/api/v1/users/hanako', { token: session.token })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(await queries(proxy, 'people')).toBe(before + 1);
  });
});

describe('the directory down and back up', () => {
  let proxy: RunningProxy;
  afterAll(async () => {
    await proxy?.close();
    await slapd.run();
  });

  it('answers 503 and is not ready while LDAP is down, keeps presence working, and recovers', async () => {
    proxy = await startTestProxy(ldapSettings());
    const alice = await login(proxy.url, 'alice', { password: 'pw-alice' });
    const zoe = await login(proxy.url, 'zoe', { password: 'pw-zoe' });
    expect((await request(proxy.url, '/api/v1/users/alice', { token: zoe.token })).status).toBe(200);
    const socket = TestSocket.open(proxy.url, { token: zoe.token });
    await socket.hello();
    socket.send({ type: 'watch', id: 1, add: ['alice'] });
    await socket.next((f) => f.type === 'ack' && f.id === 1);

    await slapd.stop();
    const refused = await postLogin(proxy, 'alice', 'pw-alice');
    expect(refused.status).toBe(503);
    expect(await errorCode(refused)).toBe('ST_ERR_DIRECTORY_UNAVAILABLE');
    expect((await postLogin(proxy, 'alice', 'wrong')).status).toBe(503);
    // Readiness reports the directory but stays true: presence still works without it.
    await waitFor(async () => (await readiness(proxy.url)).directory === 'unavailable');
    expect((await fetch(`${proxy.url}/readyz`)).status).toBe(200);
    // A card the proxy has is still shown; one it never fetched cannot be.
    expect((await request(proxy.url, '/api/v1/users/alice', { token: zoe.token })).status).toBe(200);
    const unknown = await request(proxy.url, '/api/v1/users/p0123', { token: zoe.token });
    expect(unknown.status).toBe(503);
    expect(await errorCode(unknown)).toBe('ST_ERR_DIRECTORY_UNAVAILABLE');
    // Presence does not need the directory.
    const status = await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: alice.token,
      json: { status: 'dnd', message: 'directory is down' },
    });
    expect(status.status).toBe(204);
    await socket.presence('alice', 'dnd');

    await slapd.run();
    await waitFor(async () => (await readiness(proxy.url)).directory === 'ok');
    expect((await postLogin(proxy, 'alice', 'pw-alice')).status).toBe(201);
    expect((await request(proxy.url, '/api/v1/users/p0123', { token: zoe.token })).status).toBe(200);
    await socket.close();
  });
});

describe('TLS', () => {
  const loginWith = async (settings: Partial<ProxyConfig>): Promise<number> => {
    const proxy = await startTestProxy(ldapSettings(settings));
    try {
      return (await postLogin(proxy, 'alice', 'pw-alice')).status;
    } finally {
      await proxy.close();
    }
  };

  it('speaks ldaps:// and StartTLS, checking the certificate against the configured CA', async () => {
    expect(await loginWith({ directory: slapd.directorySetting(slapd.ldapsUrl), ldapCaFile: certFile })).toBe(
      201,
    );
    expect(await loginWith({ ldapStartTls: true, ldapCaFile: certFile })).toBe(201);
    // Without the CA the server's certificate is not trusted: the directory is unusable, not the password wrong.
    expect(await loginWith({ directory: slapd.directorySetting(slapd.ldapsUrl) })).toBe(503);
  });
});

async function readiness(url: string): Promise<{ status?: string; directory?: string }> {
  return (await fetch(`${url}/readyz`)).json() as Promise<{ status?: string; directory?: string }>;
}
