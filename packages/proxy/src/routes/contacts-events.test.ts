/** The `contacts` event, the limits and the write rate of the contact-list API. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ContactsResponse, LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { CONTACT_LIMITS } from '../store/open.ts';
import { SqliteStore } from '../store/sqlite.ts';
import type { StoredGroup } from '../store/types.ts';
import { errorCode, type Frame, login, request, type TestSession, TestSocket } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
let store: SqliteStore;
let storeDir: string;
beforeAll(async () => {
  // A store the test opened itself, so it can fill lists up to their limits in one transaction.
  storeDir = await mkdtemp(join(tmpdir(), 'st-contacts-'));
  store = SqliteStore.open(storeDir, CONTACT_LIMITS);
  proxy = await startTestProxy({}, { store });
});
afterAll(async () => {
  await proxy.close();
  await store.close();
  await rm(storeDir, { recursive: true, force: true });
});

function call(who: TestSession, method: string, path: string, json?: unknown): Promise<Response> {
  return request(proxy.url, `/api/v1/me/contacts${path}`, {
    method,
    token: who.token,
    ...(json === undefined ? {} : { json }),
  });
}

async function opened(who: TestSession, options: { stream?: string; since?: number } = {}) {
  const socket = TestSocket.open(proxy.url, { token: who.token, ...options });
  const hello = await socket.hello();
  return { socket, hello };
}

const isContacts = (f: Frame) => f.type === 'contacts';

describe('the contacts event', () => {
  it("reaches every stream of the person, on every login, and no one else's", async () => {
    const laptop = await login(proxy.url, 'alice');
    const phone = await login(proxy.url, 'alice', { client: 'mobile' });
    const bob = await login(proxy.url, 'bob');
    const tabs = [await opened(laptop), await opened(laptop), await opened(phone)];
    const bobs = await opened(bob);

    const response = await call(laptop, 'POST', '/groups', { name: 'Book club' });
    const answer = (await response.json()) as ContactsResponse;
    for (const { socket } of tabs) {
      const event = await socket.next(isContacts);
      expect(event).toEqual({ seq: expect.any(Number), type: 'contacts', groups: answer.groups });
    }

    // Bob's own change is the first contacts event his stream hears: Alice's never reached it.
    const bobsAnswer = (await (
      await call(bob, 'POST', '/groups', { name: 'Bob only' })
    ).json()) as ContactsResponse;
    const bobsEvent = await bobs.socket.next(isContacts);
    expect(bobsEvent.groups).toEqual(bobsAnswer.groups);
    expect(bobs.socket.frames.filter(isContacts)).toHaveLength(1);
    for (const { socket } of [...tabs, bobs]) await socket.close();
  });

  it('is sequenced, so a stream that reconnects gets the change it missed', async () => {
    const carol = await login(proxy.url, 'carol');
    const first = await opened(carol);
    await first.socket.next((f) => f.type === 'presence');
    const seen = first.socket.frames.filter((f) => typeof f.seq === 'number').at(-1)!.seq as number;
    await first.socket.drop();

    await call(carol, 'POST', '/groups', { name: 'While away' });
    const again = await opened(carol, { stream: first.hello.streamId, since: seen });
    expect(again.hello.recovered).toBe(true);
    const event = await again.socket.next(isContacts);
    expect(event.seq).toBe(seen + 1);
    expect(event.groups.map((g: StoredGroup) => g.name)).toContain('While away');
    await again.socket.close();
  });

  it('is not sent for a change that was refused', async () => {
    const dave = await login(proxy.url, 'dave');
    const { socket } = await opened(dave);
    expect((await call(dave, 'DELETE', '/groups/Nope')).status).toBe(404);
    await call(dave, 'POST', '/groups', { name: 'Real' });
    const event = await socket.next(isContacts);
    expect(event.groups.map((g: StoredGroup) => g.name)).toEqual(['Team', 'Real']);
    expect(socket.frames.filter(isContacts)).toHaveLength(1);
    await socket.close();
  });
});

describe('seeding from the directory', () => {
  it("stores nothing for a read, and the directory's groups with the first change", async () => {
    const heidi = await login(proxy.url, 'heidi');
    const offered = (await (await call(heidi, 'GET', '')).json()) as ContactsResponse;
    expect(offered.groups.map((g) => g.name)).toEqual(['Team']);
    expect(await store.hasContacts('heidi')).toBe(false);
    await call(heidi, 'POST', '/groups', { name: 'Mine' });
    expect(await store.contacts('heidi')).toEqual([...offered.groups, { name: 'Mine', members: [] }]);
  });
});

describe('limits', () => {
  it(`allows ${LIMITS.contactGroups} groups and refuses one more`, async () => {
    const seed: StoredGroup[] = Array.from({ length: LIMITS.contactGroups - 1 }, (_, i) => ({
      name: `Group ${i}`,
      members: [],
    }));
    await store.changeContacts('erin', { op: 'createGroup', name: 'Last' }, seed);
    const erin = await login(proxy.url, 'erin');
    const response = await call(erin, 'POST', '/groups', { name: 'One too many' });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('ST_ERR_CONTACT_LIMIT');
    // Renaming needs no new place.
    expect((await call(erin, 'PATCH', '/groups/Last', { name: 'Final' })).status).toBe(200);
  });

  it(`allows ${LIMITS.contactsPerGroup} people in a group and refuses one more`, async () => {
    const members = Array.from({ length: LIMITS.contactsPerGroup - 1 }, (_, i) => ({
      id: `former-${i}`,
      displayName: `Former colleague ${i}`,
    }));
    await store.changeContacts('frank', { op: 'deleteGroup', name: 'Team' }, [
      { name: 'Team', members: [] },
      { name: 'Big', members },
      { name: 'Small', members: [{ id: 'bob', displayName: 'Bob Brown' }] },
    ]);
    const frank = await login(proxy.url, 'frank');
    const filled = await call(frank, 'PUT', '/groups/Big/members/carol');
    const body = (await filled.json()) as ContactsResponse;
    expect(body.groups[0]!.members).toHaveLength(LIMITS.contactsPerGroup);
    // People the directory no longer knows keep the name they had when they were added.
    expect(body.groups[0]!.members[0]).toEqual({ id: 'former-0', displayName: 'Former colleague 0' });

    const over = await call(frank, 'PUT', '/groups/Big/members/dave');
    expect(await errorCode(over)).toBe('ST_ERR_CONTACT_LIMIT');
    const moveIn = await call(frank, 'POST', '/move', { userId: 'bob', from: 'Small', to: 'Big' });
    expect(await errorCode(moveIn)).toBe('ST_ERR_CONTACT_LIMIT');
    // Adding someone already there is no addition.
    expect((await call(frank, 'PUT', '/groups/Big/members/carol')).status).toBe(200);
  });

  it(`limits each person to a burst of ${LIMITS.contactWrites} writes, whatever their logins`, async () => {
    const grace = await login(proxy.url, 'grace');
    for (let i = 0; i < LIMITS.contactWrites; i++) {
      expect((await call(grace, 'DELETE', '/groups/Nope')).status).toBe(404);
    }
    // The bucket refills slowly; a burst after the first ones finds it empty, and a fresh login of
    // the same person, writing at the same time, does not bring a budget of its own.
    const other = await login(proxy.url, 'grace');
    const [burst, fresh] = await Promise.all([
      Promise.all(Array.from({ length: 40 }, () => call(grace, 'DELETE', '/groups/Nope'))),
      Promise.all(Array.from({ length: 20 }, () => call(other, 'DELETE', '/groups/Nope'))),
    ]);
    const limited = [...burst, ...fresh].filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorCode(limited[0]!)).toBe('ST_ERR_RATE_LIMITED');
    expect(fresh.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    // Reading is not limited.
    expect((await call(grace, 'GET', '')).status).toBe(200);
  });
});
