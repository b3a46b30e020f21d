/** Nicknames of contacts: set, change, remove, the contacts event, and what happens on removal. */
import { type ContactMember, type ContactsResponse, LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, request, type TestSession, TestSocket } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
beforeAll(async () => {
  proxy = await startTestProxy();
});
afterAll(() => proxy.close());

function call(who: TestSession, method: string, path: string, json?: unknown): Promise<Response> {
  return request(proxy.url, `/api/v1/me/contacts${path}`, {
    method,
    token: who.token,
    ...(json === undefined ? {} : { json }),
  });
}

const nickname = (who: TestSession, userId: string, name: string) =>
  call(who, 'PUT', `/nicknames/${userId}`, { nickname: name });

/** Every member object of `userId` in the list, one per group that holds them. */
function membersOf(list: ContactsResponse, userId: string): ContactMember[] {
  return list.groups.flatMap((g) => g.members.filter((m) => m.id === userId));
}

describe('nicknames', () => {
  it('are set, changed and removed, trimmed, shown in every group holding the person, and kept apart per owner', async () => {
    const alice = await login(proxy.url, 'alice');
    await call(alice, 'POST', '/groups', { name: 'Lunch' });
    await call(alice, 'PUT', '/groups/Lunch/members/bob');

    const set = await nickname(alice, 'bob', '  Bobby  ');
    expect(set.status).toBe(200);
    const list = (await set.json()) as ContactsResponse;
    expect(membersOf(list, 'bob')).toEqual([
      { id: 'bob', displayName: 'Bob Brown', nickname: 'Bobby' },
      { id: 'bob', displayName: 'Bob Brown', nickname: 'Bobby' },
    ]);
    // Members without a nickname carry no such field.
    expect(membersOf(list, 'carol')).toEqual([{ id: 'carol', displayName: 'Carol Castañeda' }]);
    expect(await (await call(alice, 'GET', '')).json()).toEqual(list);

    const changed = (await (await nickname(alice, 'bob', 'B.')).json()) as ContactsResponse;
    expect(membersOf(changed, 'bob').map((m) => m.nickname)).toEqual(['B.', 'B.']);

    // Carol's list is her own: alice's nickname for bob is not in it.
    const carol = await login(proxy.url, 'carol');
    const carols = (await (await call(carol, 'GET', '')).json()) as ContactsResponse;
    expect(membersOf(carols, 'bob')).toEqual([{ id: 'bob', displayName: 'Bob Brown' }]);

    const removed = (await (await call(alice, 'DELETE', '/nicknames/bob')).json()) as ContactsResponse;
    expect(membersOf(removed, 'bob').every((m) => m.nickname === undefined)).toBe(true);
    // Removing again changes nothing.
    expect((await call(alice, 'DELETE', '/nicknames/bob')).status).toBe(200);
  });

  it('reach the other streams of the person as a contacts event', async () => {
    const dave = await login(proxy.url, 'dave');
    const socket = TestSocket.open(proxy.url, { token: (await login(proxy.url, 'dave')).token });
    await socket.hello();
    const answer = await (await nickname(dave, 'erin', 'E')).json();
    const event = await socket.next((f) => f.type === 'contacts');
    expect(event.groups).toEqual(answer.groups);
    await socket.close();
  });

  it('need the person in the list, and go when the last group holding them lets them go', async () => {
    const frank = await login(proxy.url, 'frank');
    const notInList = await nickname(frank, 'nobody', 'Ghost');
    expect(notInList.status).toBe(404);
    expect(await errorCode(notInList)).toBe('ST_ERR_NOT_FOUND');

    await call(frank, 'POST', '/groups', { name: 'Close' });
    await call(frank, 'PUT', '/groups/Close/members/grace');
    await nickname(frank, 'grace', 'G');
    // Still in "Close" after leaving "Team": the nickname stays.
    const left = (await (
      await call(frank, 'DELETE', '/groups/Team/members/grace')
    ).json()) as ContactsResponse;
    expect(membersOf(left, 'grace')).toEqual([{ id: 'grace', displayName: 'Grace Gómez', nickname: 'G' }]);
    // Moving keeps it too.
    await call(frank, 'POST', '/groups', { name: 'Far' });
    const moved = (await (
      await call(frank, 'POST', '/move', { userId: 'grace', from: 'Close', to: 'Far' })
    ).json()) as ContactsResponse;
    expect(membersOf(moved, 'grace')[0]?.nickname).toBe('G');
    // Deleting the last group that holds her drops it: adding her back starts without one.
    await call(frank, 'DELETE', '/groups/Far');
    const back = (await (await call(frank, 'PUT', '/groups/Close/members/grace')).json()) as ContactsResponse;
    expect(membersOf(back, 'grace')).toEqual([{ id: 'grace', displayName: 'Grace Gómez' }]);
  });

  it('refuse empty, long and control-character names', async () => {
    const heidi = await login(proxy.url, 'heidi');
    for (const name of ['', '   ', 'x'.repeat(LIMITS.contactNicknameLength + 1), 'tab\there']) {
      const response = await nickname(heidi, 'ivan', name);
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('ST_ERR_VALIDATION');
    }
    expect((await call(heidi, 'PUT', '/nicknames/ivan', { nickname: 'I', extra: true })).status).toBe(400);
    expect((await nickname(heidi, 'ivan', 'x'.repeat(LIMITS.contactNicknameLength))).status).toBe(200);
  });
});
