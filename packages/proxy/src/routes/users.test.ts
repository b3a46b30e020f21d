import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, request, type TestSession } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
let alice: TestSession;
beforeAll(async () => {
  proxy = await startTestProxy();
  alice = await login(proxy.url, 'alice');
});
afterAll(() => proxy.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  request(proxy.url, path, { token: alice.token, headers });

describe('business cards', () => {
  it('answers the card of a person', async () => {
    const response = await get('/api/v1/users/carol');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: 'carol',
      displayName: 'Carol Castañeda',
      title: 'UX Designer',
      department: 'Design',
      company: 'Example Corp',
      location: 'Madrid',
      phone: '+34 91 555 0103',
      email: 'carol@example.com',
      timeZone: 'Europe/Madrid',
      language: 'es',
      hasPhoto: true,
    });
  });

  it('answers at most 100 cards in one call', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `u${i}`).join(',');
    const response = await get(`/api/v1/users?ids=${ids}`);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('ST_ERR_TOO_MANY_IDS');
  });

  it('answers many cards in one call, leaving unknown ids out', async () => {
    const response = await get('/api/v1/users?ids=bob,nobody,kenji,bob');
    const body = await response.json();
    expect(body.users.map((u: { id: string }) => u.id)).toEqual(['bob', 'kenji']);
    expect(body.users[1].displayName).toBe('山田 健二 (Kenji Yamada)');
  });
});

describe('photos', () => {
  it('serves the photo with an ETag, a private cache and a locked-down SVG policy', async () => {
    const response = await get('/api/v1/users/bob/photo');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toMatch(/private/);
    expect(await response.text()).toMatch(/^<svg /);
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);

    const again = await get('/api/v1/users/bob/photo', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    const changed = await get('/api/v1/users/bob/photo', { 'if-none-match': '"something-else"' });
    expect(changed.status).toBe(200);
    const other = await get('/api/v1/users/carol/photo');
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('keeps photos a day and answers If-None-Match: * with 304', async () => {
    const response = await get('/api/v1/users/alice/photo');
    expect(response.headers.get('cache-control')).toBe('private, max-age=86400');
    expect((await get('/api/v1/users/alice/photo', { 'if-none-match': '*' })).status).toBe(304);
  });

  it('answers 404 for an unknown person', async () => {
    const response = await get('/api/v1/users/nobody/photo');
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('ST_ERR_USER_NOT_FOUND');
  });
});

describe('directory search', () => {
  it('finds people by name, id or e-mail, ignoring case and accents', async () => {
    const search = async (q: string) =>
      (
        (await (await get(`/api/v1/directory?q=${encodeURIComponent(q)}`)).json()).people as { id: string }[]
      ).map((p) => p.id);
    expect(await search('CASTANEDA')).toEqual(['carol']);
    expect(await search('hama')).toEqual(['heidi']);
    expect(await search('yamada')).toEqual(['kenji']);
    expect(await search('judy@example')).toEqual(['judy']);
    expect(await search('zzz')).toEqual([]);
    const people = (await (await get('/api/v1/directory?q=al')).json()).people;
    expect(people[0]).toEqual({ id: 'alice', displayName: 'Alice Andersson', email: 'alice@example.com' });
    const limited = (await (await get('/api/v1/directory?q=example&limit=3')).json()).people;
    expect(limited).toHaveLength(3);
  });

  it('limits each person to a burst of searches, then answers 429 with Retry-After', async () => {
    const dave = await login(proxy.url, 'dave');
    let refused: Response | undefined;
    // The budget refills while the loop runs, so search until refused rather than counting.
    for (let i = 0; i < 1000 && !refused; i++) {
      const response = await request(proxy.url, '/api/v1/directory?q=al', { token: dave.token });
      if (response.status === 429) refused = response;
      else expect(response.status).toBe(200);
    }
    expect(refused).toBeDefined();
    expect(refused!.headers.get('retry-after')).toBe('1');
    expect(await errorCode(refused!)).toBe('ST_ERR_RATE_LIMITED');
    const erin = await login(proxy.url, 'erin');
    expect((await request(proxy.url, '/api/v1/directory?q=al', { token: erin.token })).status).toBe(200);
  });

  it('refuses queries that are too short', async () => {
    const response = await get('/api/v1/directory?q=a');
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('ST_ERR_VALIDATION');
  });
});

describe('contacts', () => {
  it('gives every demo person the others in the group "Team"', async () => {
    const body = await (await get('/api/v1/me/contacts')).json();
    expect(body.groups).toHaveLength(1);
    const [team] = body.groups;
    expect(team.name).toBe('Team');
    const ids = team.members.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['bob', 'carol', 'dave']));
    expect(ids).not.toContain('alice');
    expect(ids.length).toBeGreaterThanOrEqual(11);
    expect(team.members[0]).toEqual({ id: 'bob', displayName: 'Bob Brown' });
  });
});
