/** Privacy lists in directory search, business cards, photos and contact lists. */
import type { DirectoryPerson, PrivacyList } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, request, type TestSession } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
let alice: TestSession;
let carol: TestSession;
beforeAll(async () => {
  proxy = await startTestProxy({ anonymousAwareness: true });
  [alice, carol] = await Promise.all([login(proxy.url, 'alice'), login(proxy.url, 'carol')]);
});
afterAll(() => proxy.close());

async function hide(ownerId: string, list: PrivacyList): Promise<TestSession> {
  const owner = await login(proxy.url, ownerId);
  const response = await request(proxy.url, '/api/v1/me/privacy', {
    method: 'PUT',
    token: owner.token,
    json: list,
  });
  expect(response.status).toBe(200);
  return owner;
}

async function search(who: TestSession, q: string, limit?: number): Promise<string[]> {
  const query = new URLSearchParams({ q, ...(limit === undefined ? {} : { limit: String(limit) }) });
  const response = await request(proxy.url, `/api/v1/directory?${query}`, { token: who.token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { people: DirectoryPerson[] }).people.map((p) => p.id);
}

describe('directory search', () => {
  it('leaves out people hidden from the caller, and still fills the page', async () => {
    // Every demo address ends in example.com, so this matches everyone, best matches first.
    const everyone = await search(alice, 'example.com', 25);
    expect(everyone).toContain('bob');
    const firstTwo = everyone.slice(0, 2);
    const hidden = firstTwo.find((id) => id !== 'alice')!;

    await hide(hidden, { mode: 'everybody-except', people: ['alice'] });
    const page = await search(alice, 'example.com', 2);
    expect(page).not.toContain(hidden);
    expect(page).toEqual(everyone.filter((id) => id !== hidden).slice(0, 2));
    expect(await search(carol, 'example.com', 25)).toContain(hidden);
    await hide(hidden, { mode: 'everybody-except', people: [] });
    expect(await search(alice, 'example.com', 2)).toEqual(firstTwo);
  });

  it('finds a person with an only-these list only for the people listed', async () => {
    await hide('dave', { mode: 'only-these', people: ['carol'] });
    expect(await search(alice, 'dubois')).toEqual([]);
    expect(await search(carol, 'dubois')).toEqual(['dave']);
    // The owner finds themselves.
    expect(await search(await login(proxy.url, 'dave'), 'dubois')).toEqual(['dave']);
  });
});

describe('business cards and photos', () => {
  it('answer 404 for a hidden person, exactly as for an id that is no person', async () => {
    await hide('erin', { mode: 'everybody-except', people: ['alice'] });
    const hiddenCard = await request(proxy.url, '/api/v1/users/erin', { token: alice.token });
    const noOne = await request(proxy.url, '/api/v1/users/no-such-person', { token: alice.token });
    expect(hiddenCard.status).toBe(404);
    expect(await hiddenCard.json()).toEqual(await noOne.json());

    const hiddenPhoto = await request(proxy.url, '/api/v1/users/erin/photo', { token: alice.token });
    const noPhoto = await request(proxy.url, '/api/v1/users/no-such-person/photo', { token: alice.token });
    expect(hiddenPhoto.status).toBe(404);
    expect(await hiddenPhoto.json()).toEqual(await noPhoto.json());

    const many = await request(proxy.url, '/api/v1/users?ids=erin,frank', { token: alice.token });
    expect(((await many.json()) as { users: { id: string }[] }).users.map((u) => u.id)).toEqual(['frank']);

    // Others still get the card and the photo.
    expect((await request(proxy.url, '/api/v1/users/erin', { token: carol.token })).status).toBe(200);
    expect((await request(proxy.url, '/api/v1/users/erin/photo', { token: carol.token })).status).toBe(200);
    // And callers without a login get nothing of a person whose list hides them from anyone.
    expect((await request(proxy.url, '/api/v1/users/erin')).status).toBe(404);
    expect((await request(proxy.url, '/api/v1/users/erin/photo')).status).toBe(404);
    expect((await request(proxy.url, '/api/v1/users/frank/photo')).status).toBe(200);
  });
});

describe('contact lists', () => {
  it('cannot gain a hidden person, who does not exist for the caller', async () => {
    await hide('frank', { mode: 'only-these', people: [] });
    const grace = await login(proxy.url, 'grace');
    const created = await request(proxy.url, '/api/v1/me/contacts/groups', {
      method: 'POST',
      token: grace.token,
      json: { name: 'Others' },
    });
    expect(created.status).toBe(200);
    const add = (id: string) =>
      request(proxy.url, `/api/v1/me/contacts/groups/Others/members/${id}`, {
        method: 'PUT',
        token: grace.token,
      });
    const refused = await add('frank');
    expect(refused.status).toBe(404);
    expect(await errorCode(refused)).toBe('ST_ERR_USER_NOT_FOUND');
    expect((await add('heidi')).status).toBe(200);
  });
});
