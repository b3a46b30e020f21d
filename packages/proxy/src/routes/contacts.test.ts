import type { ContactsResponse } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, request, type TestSession } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
beforeAll(async () => {
  proxy = await startTestProxy();
});
afterAll(() => proxy.close());

/** A contact-list call of `who` (Bearer), `path` under /api/v1/me/contacts. */
function call(who: TestSession, method: string, path = '', json?: unknown): Promise<Response> {
  return request(proxy.url, `/api/v1/me/contacts${path}`, {
    method,
    token: who.token,
    ...(json === undefined ? {} : { json }),
  });
}

async function list(response: Response): Promise<ContactsResponse> {
  expect(response.status).toBe(200);
  return (await response.json()) as ContactsResponse;
}

const names = (body: ContactsResponse) => body.groups.map((g) => g.name);
const members = (body: ContactsResponse, group: string) =>
  body.groups.find((g) => g.name === group)?.members.map((m) => m.id);
const group = (name: string) => `/groups/${encodeURIComponent(name)}`;

describe('reading the contact list', () => {
  it("offers the directory's groups to a person who never changed theirs, and stores them with the first change", async () => {
    const alice = await login(proxy.url, 'alice');
    const offered = await list(await call(alice, 'GET'));
    expect(names(offered)).toEqual(['Team']);
    expect(members(offered, 'Team')).toEqual(expect.arrayContaining(['bob', 'carol', 'dave']));
    expect(offered.groups[0]!.members.find((m) => m.id === 'bob')).toEqual({
      id: 'bob',
      displayName: 'Bob Brown',
    });

    const created = await list(await call(alice, 'POST', '/groups', { name: 'Friends' }));
    expect(created.groups).toEqual([...offered.groups, { name: 'Friends', members: [] }]);
    expect(await list(await call(alice, 'GET'))).toEqual(created);
  });

  it("keeps a list emptied by hand empty rather than offering the directory's again", async () => {
    const bob = await login(proxy.url, 'bob');
    expect(await list(await call(bob, 'DELETE', group('Team')))).toEqual({ groups: [] });
    expect(await list(await call(bob, 'GET'))).toEqual({ groups: [] });
  });

  it('needs a login, and the CSRF header with the cookie', async () => {
    const carol = await login(proxy.url, 'carol');
    expect(await errorCode(await request(proxy.url, '/api/v1/me/contacts'))).toBe('ST_ERR_UNAUTHENTICATED');
    const post = (csrf?: string) =>
      request(proxy.url, '/api/v1/me/contacts/groups', {
        method: 'POST',
        cookie: carol.cookie,
        json: { name: 'Cookies' },
        ...(csrf ? { csrf } : {}),
      });
    expect(await errorCode(await post())).toBe('ST_ERR_CSRF');
    expect(names(await list(await post(carol.csrfToken)))).toContain('Cookies');
  });
});

describe('groups', () => {
  it('creates a group at the end, trimmed, and refuses a name that exists', async () => {
    const dave = await login(proxy.url, 'dave');
    expect(names(await list(await call(dave, 'POST', '/groups', { name: '  Chess club ' })))).toEqual([
      'Team',
      'Chess club',
    ]);
    const again = await call(dave, 'POST', '/groups', { name: 'Chess club' });
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('ST_ERR_CONFLICT');
    // Names are compared exactly: another case is another group.
    expect(names(await list(await call(dave, 'POST', '/groups', { name: 'chess club' })))).toHaveLength(3);
  });

  it('refuses names that are empty, too long or hold control characters, and unknown fields', async () => {
    const dave = await login(proxy.url, 'dave');
    for (const body of [
      { name: '   ' },
      { name: 'x'.repeat(65) },
      { name: 'tab\there' },
      { name: 'new\nline' },
      { name: 7 },
      {},
      { name: 'ok', extra: true },
    ]) {
      const response = await call(dave, 'POST', '/groups', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await errorCode(response)).toBe('ST_ERR_VALIDATION');
    }
    const longest = 'é'.repeat(64);
    expect(names(await list(await call(dave, 'POST', '/groups', { name: ` ${longest} ` })))).toContain(
      longest,
    );
  });

  it('renames a group in place with its members, and refuses a missing group or a taken name', async () => {
    const erin = await login(proxy.url, 'erin');
    await call(erin, 'POST', '/groups', { name: 'Later' });
    const before = await list(await call(erin, 'GET'));
    const renamed = await list(await call(erin, 'PATCH', group('Team'), { name: 'Work / Team' }));
    expect(names(renamed)).toEqual(['Work / Team', 'Later']);
    expect(renamed.groups[0]!.members).toEqual(before.groups[0]!.members);
    expect(await list(await call(erin, 'PATCH', group('Later'), { name: 'Later' }))).toEqual(renamed);

    const missing = await call(erin, 'PATCH', group('Team'), { name: 'Other' });
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe('ST_ERR_NOT_FOUND');
    const taken = await call(erin, 'PATCH', group('Later'), { name: 'Work / Team' });
    expect(await errorCode(taken)).toBe('ST_ERR_CONFLICT');
    expect(await errorCode(await call(erin, 'PATCH', group('Later'), { name: '' }))).toBe(
      'ST_ERR_VALIDATION',
    );
  });

  it('deletes a group with its members, and answers 404 for a group that is not there', async () => {
    const frank = await login(proxy.url, 'frank');
    await call(frank, 'POST', '/groups', { name: 'Gone' });
    await call(frank, 'PUT', `${group('Gone')}/members/bob`);
    expect(names(await list(await call(frank, 'DELETE', group('Gone'))))).toEqual(['Team']);
    const again = await call(frank, 'DELETE', group('Gone'));
    expect(again.status).toBe(404);
    expect(await errorCode(again)).toBe('ST_ERR_NOT_FOUND');
    // Created again, it starts empty: the members went with the group.
    const recreated = await list(await call(frank, 'POST', '/groups', { name: 'Gone' }));
    expect(members(recreated, 'Gone')).toEqual([]);
  });

  it("never lets one person name another person's group", async () => {
    const grace = await login(proxy.url, 'grace');
    const heidi = await login(proxy.url, 'heidi');
    await call(heidi, 'POST', '/groups', { name: 'Secret' });
    for (const [method, path, body] of [
      ['PATCH', group('Secret'), { name: 'Mine now' }],
      ['DELETE', group('Secret'), undefined],
      ['PUT', `${group('Secret')}/members/bob`, undefined],
      ['DELETE', `${group('Secret')}/members/bob`, undefined],
      ['POST', '/move', { userId: 'bob', from: 'Team', to: 'Secret' }],
    ] as const) {
      const response = await call(grace, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await errorCode(response)).toBe('ST_ERR_NOT_FOUND');
    }
    expect(names(await list(await call(grace, 'GET')))).toEqual(['Team']);
    expect(names(await list(await call(heidi, 'GET')))).toEqual(['Team', 'Secret']);
  });
});

describe('members', () => {
  it("adds a person at the end once, however often asked, with the directory's name", async () => {
    const ivan = await login(proxy.url, 'ivan');
    await call(ivan, 'POST', '/groups', { name: 'Close' });
    await call(ivan, 'PUT', `${group('Close')}/members/kenji`);
    const first = await list(await call(ivan, 'PUT', `${group('Close')}/members/bob`));
    const second = await list(await call(ivan, 'PUT', `${group('Close')}/members/bob`));
    expect(second).toEqual(first);
    expect(first.groups[1]).toEqual({
      name: 'Close',
      members: [
        { id: 'kenji', displayName: '山田 健二 (Kenji Yamada)' },
        { id: 'bob', displayName: 'Bob Brown' },
      ],
    });
  });

  it('answers ST_ERR_USER_NOT_FOUND for a person the directory lacks and ST_ERR_NOT_FOUND for no group', async () => {
    const ivan = await login(proxy.url, 'ivan');
    const nobody = await call(ivan, 'PUT', `${group('Team')}/members/nobody`);
    expect(nobody.status).toBe(404);
    expect(await errorCode(nobody)).toBe('ST_ERR_USER_NOT_FOUND');
    const noGroup = await call(ivan, 'PUT', `${group('No such group')}/members/bob`);
    expect(noGroup.status).toBe(404);
    expect(await errorCode(noGroup)).toBe('ST_ERR_NOT_FOUND');
    const badId = await call(ivan, 'PUT', `${group('Team')}/members/${encodeURIComponent('a,b')}`);
    expect(await errorCode(badId)).toBe('ST_ERR_VALIDATION');
  });

  it('removes a person, and removing someone absent changes nothing', async () => {
    const judy = await login(proxy.url, 'judy');
    const removed = await list(await call(judy, 'DELETE', `${group('Team')}/members/bob`));
    expect(members(removed, 'Team')).not.toContain('bob');
    expect(await list(await call(judy, 'DELETE', `${group('Team')}/members/bob`))).toEqual(removed);
    expect(await list(await call(judy, 'DELETE', `${group('Team')}/members/nobody`))).toEqual(removed);
    const noGroup = await call(judy, 'DELETE', `${group('Nope')}/members/bob`);
    expect(await errorCode(noGroup)).toBe('ST_ERR_NOT_FOUND');
  });

  it('moves a person to the end of another group; a repeated move changes nothing', async () => {
    const kenji = await login(proxy.url, 'kenji');
    await call(kenji, 'POST', '/groups', { name: 'Lunch' });
    await call(kenji, 'PUT', `${group('Lunch')}/members/dave`);
    const move = { userId: 'carol', from: 'Team', to: 'Lunch' };
    const moved = await list(await call(kenji, 'POST', '/move', move));
    expect(members(moved, 'Lunch')).toEqual(['dave', 'carol']);
    expect(members(moved, 'Team')).not.toContain('carol');
    expect(await list(await call(kenji, 'POST', '/move', move))).toEqual(moved);

    const inNeither = await call(kenji, 'POST', '/move', { userId: 'nobody', from: 'Team', to: 'Lunch' });
    expect(await errorCode(inNeither)).toBe('ST_ERR_NOT_FOUND');
    const noGroup = await call(kenji, 'POST', '/move', { userId: 'bob', from: 'Team', to: 'Nope' });
    expect(await errorCode(noGroup)).toBe('ST_ERR_NOT_FOUND');
    const bad = await call(kenji, 'POST', '/move', { userId: 'bob', from: 'Team' });
    expect(await errorCode(bad)).toBe('ST_ERR_VALIDATION');
  });
});

describe('other origins', () => {
  it('lets the page of a listed origin rename a group (PATCH passes the CORS preflight)', async () => {
    const origin = 'https://intranet.example';
    const listed = await startTestProxy({ allowedOrigins: [origin] });
    try {
      const preflight = await request(listed.url, '/api/v1/me/contacts/groups/Team', {
        method: 'OPTIONS',
        origin,
        headers: { 'access-control-request-method': 'PATCH' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    } finally {
      await listed.close();
    }
  });
});

describe('the API document', () => {
  it('describes every contact-list route with its errors', async () => {
    const document = await (await fetch(`${proxy.url}/api/v1/openapi.json`)).json();
    const paths = document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    expect(Object.keys(paths['/api/v1/me/contacts/groups/{name}']!).sort()).toEqual(['delete', 'patch']);
    expect(Object.keys(paths['/api/v1/me/contacts/groups/{name}/members/{userId}']!).sort()).toEqual([
      'delete',
      'put',
    ]);
    expect(paths['/api/v1/me/contacts/groups']!.post!.responses).toHaveProperty('409');
    expect(paths['/api/v1/me/contacts/move']!.post!.responses).toHaveProperty('429');
    expect(paths['/api/v1/me/contacts']!.get!.responses).toHaveProperty('200');
  });
});
