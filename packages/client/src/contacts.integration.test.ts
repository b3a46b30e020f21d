/**
 * The contact list against a real proxy: `contacts$` loads once, follows every change made here
 * and, over the event stream, every change made in another tab of the same person; each method
 * answers the whole list; errors are classes with catalogue codes.
 */
import type { ContactGroup } from '@st/protocol/core';
import { startTestProxy } from '@st/proxy/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.ts';
import { StConflictError, StNotFoundError } from './errors.ts';
import { next, SocketLog } from './test-support.ts';
import type { StClient } from './types.ts';

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

async function loggedIn(userId: string, log = new SocketLog()) {
  const client = createClient({ server: proxy.url, WebSocket: log.ctor(), storage: false });
  clients.push(client);
  await client.login(userId, 'demo');
  return client;
}

const names = (groups: ContactGroup[]) => groups.map((g) => g.name);
const members = (groups: ContactGroup[], name: string) =>
  groups.find((g) => g.name === name)?.members.map((m) => m.id);

describe('contacts$', () => {
  it('starts with the directory’s Team, and every change answers and emits the whole list', async () => {
    const alice = await loggedIn('alice');
    const seen: ContactGroup[][] = [];
    const subscription = alice.contacts$.subscribe((groups) => seen.push(groups));
    const first = await next(alice.contacts$, (groups) => groups.length > 0);
    expect(names(first)).toEqual(['Team']);
    expect(members(first, 'Team')).toEqual(expect.arrayContaining(['bob', 'carol', 'dave']));

    const created = await alice.createGroup('Friends');
    expect(names(created)).toEqual(['Team', 'Friends']);
    expect(names(seen.at(-1)!)).toEqual(['Team', 'Friends']);

    const added = await alice.addContact('Friends', 'erin');
    expect(added.find((g) => g.name === 'Friends')?.members).toEqual([
      { id: 'erin', displayName: 'Erin Eriksen' },
    ]);
    // Adding again changes nothing.
    expect(await alice.addContact('Friends', 'erin')).toEqual(added);

    const moved = await alice.moveContact('bob', 'Team', 'Friends');
    expect(members(moved, 'Friends')).toEqual(['erin', 'bob']);
    expect(members(moved, 'Team')).not.toContain('bob');

    const renamed = await alice.renameGroup('Friends', 'Friends & family / Ünïcode');
    expect(names(renamed)).toEqual(['Team', 'Friends & family / Ünïcode']);
    const removed = await alice.removeContact('Friends & family / Ünïcode', 'erin');
    expect(members(removed, 'Friends & family / Ünïcode')).toEqual(['bob']);

    const deleted = await alice.deleteGroup('Friends & family / Ünïcode');
    expect(names(deleted)).toEqual(['Team']);
    expect(seen.at(-1)).toEqual(deleted);
    // A new read agrees with what the last answer said.
    expect(await alice.contacts()).toEqual(deleted);
    subscription.unsubscribe();
  });

  it('follows changes made in another tab of the same person, over the event stream', async () => {
    const log = new SocketLog();
    const tab1 = await loggedIn('bob', log);
    const tab2 = await loggedIn('bob');
    const subscription = tab1.contacts$.subscribe();
    await next(tab1.contacts$, (groups) => groups.length > 0);
    // Observing the list is reason enough to open the stream: that is where changes arrive.
    await next(tab1.state$, (state) => state.status === 'connected');

    await tab2.createGroup('Customers');
    await tab2.addContact('Customers', 'frank');
    const followed = await next(tab1.contacts$, (groups) => members(groups, 'Customers')?.[0] === 'frank');
    expect(names(followed)).toEqual(['Team', 'Customers']);
    expect(log.receivedOfType('contacts').length).toBeGreaterThanOrEqual(1);
    subscription.unsubscribe();
  });

  it('keeps people’s lists apart', async () => {
    const carol = await loggedIn('carol');
    await carol.createGroup('Carol only');
    const dave = await loggedIn('dave');
    expect(names(await dave.contacts())).toEqual(['Team']);
  });
});

describe('contact errors', () => {
  it('are classes with the catalogue codes', async () => {
    const erin = await loggedIn('erin');
    const duplicate = await erin.createGroup('Team').catch((e) => e);
    expect(duplicate).toBeInstanceOf(StConflictError);
    expect(duplicate.code).toBe('ST_ERR_CONFLICT');

    const nobody = await erin.addContact('Team', 'nobody-at-all').catch((e) => e);
    expect(nobody).toBeInstanceOf(StNotFoundError);
    expect(nobody.code).toBe('ST_ERR_USER_NOT_FOUND');

    const noGroup = await erin.renameGroup('No such group', 'Other').catch((e) => e);
    expect(noGroup).toBeInstanceOf(StNotFoundError);
    expect(noGroup.code).toBe('ST_ERR_NOT_FOUND');
  });

  it('ends the observers of a first load that failed; observing again retries', async () => {
    const client = createClient({ server: proxy.url, WebSocket: new SocketLog().ctor(), storage: false });
    clients.push(client);
    const failure = await new Promise((resolve) => client.contacts$.subscribe({ error: resolve }));
    expect(failure).toMatchObject({ code: 'ST_ERR_UNAUTHENTICATED' });
    await client.login('frank', 'demo');
    expect(names(await next(client.contacts$, (groups) => groups.length > 0))).toEqual(['Team']);
  });
});
