/** Privacy lists in presence: watch snapshots, live changes, GET /presence, anonymous callers. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Presence, PrivacyList } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { type Frame, login, presenceOf, request, type TestSession, TestSocket } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
beforeAll(async () => {
  proxy = await startTestProxy({ anonymousAwareness: true });
});
afterAll(() => proxy.close());

function setPrivacy(who: TestSession, list: PrivacyList, base = proxy.url): Promise<Response> {
  return request(base, '/api/v1/me/privacy', { method: 'PUT', token: who.token, json: list });
}

function setStatus(who: TestSession, status: string, message?: string): Promise<Response> {
  return request(proxy.url, '/api/v1/me/status', {
    method: 'PUT',
    token: who.token,
    json: message === undefined ? { status } : { status, message },
  });
}

/** A socket of `who` (anonymous without one) that has seen `userId` as `status`. */
async function watching(who: TestSession | null, userId: string, status: string): Promise<TestSocket> {
  const socket = TestSocket.open(proxy.url, who ? { token: who.token } : {});
  await socket.hello();
  socket.send({ type: 'watch', id: 1, add: [userId] });
  await socket.presence(userId, status);
  return socket;
}

/** Presence entries of `userId` in the presence events a socket got from frame `from` on. */
function presenceSeen(socket: TestSocket, userId: string, from = 0): Presence[] {
  return socket.frames
    .slice(from)
    .filter((f: Frame) => f.type === 'presence')
    .flatMap((f: Frame) => (f.presence as Presence[]).filter((p) => p.userId === userId));
}

/** Logins of `ids`, in order. */
function loginAll<const T extends readonly string[]>(base: string, ...ids: T) {
  return Promise.all(ids.map((id) => login(base, id))) as Promise<{ [K in keyof T]: TestSession }>;
}

const OFFLINE = (userId: string): Presence => ({ userId, status: 'offline', message: '', mobile: false });

describe('everybody-except', () => {
  it('shows the people listed offline in snapshots, changes and GET /presence, and the others the truth', async () => {
    const [bob, alice, carol, dave] = await loginAll(proxy.url, 'bob', 'alice', 'carol', 'dave');
    await setStatus(bob, 'away', 'lunch');
    const alices = await watching(alice, 'bob', 'away');
    const carols = await watching(carol, 'bob', 'away');
    // Dave is the barrier: alice watches him, and his later change reaches her after any of bob's.
    alices.send({ type: 'watch', id: 2, add: ['dave'] });
    await alices.presence('dave', 'available');

    const before = alices.frames.length;
    const put = await setPrivacy(bob, { mode: 'everybody-except', people: ['alice'] });
    expect(put.status).toBe(200);
    // Losing permission applies at once: alice's watch now says offline.
    const hidden = await alices.next((f) => f.type === 'presence' && f.presence[0]?.userId === 'bob', before);
    expect(hidden.presence).toEqual([OFFLINE('bob')]);

    const mark = alices.frames.length;
    await setStatus(bob, 'dnd', 'busy');
    await carols.presence('bob', 'dnd');
    await setStatus(dave, 'away');
    await alices.presence('dave', 'away', mark);
    // Nothing about bob reached alice, not even `offline`: that would tell her when he is active.
    expect(presenceSeen(alices, 'bob', mark)).toEqual([]);

    expect(await presenceOf(proxy.url, alice, ['bob', 'dave'])).toEqual([
      OFFLINE('bob'),
      { userId: 'dave', status: 'away', message: '', mobile: false },
    ]);
    expect((await presenceOf(proxy.url, carol, ['bob']))[0]).toMatchObject({
      status: 'dnd',
      message: 'busy',
    });
    // A new snapshot (what a reconnecting client asks for) says offline too.
    const again = alices.frames.length;
    alices.send({ type: 'watch', id: 3, add: ['bob'] });
    await alices.next((f) => f.type === 'ack' && f.id === 3, again);
    expect(presenceSeen(alices, 'bob', again)).toEqual([OFFLINE('bob')]);

    // Gaining permission applies at once as well: alice gets bob's real presence now.
    const shown = alices.frames.length;
    await setPrivacy(bob, { mode: 'everybody-except', people: [] });
    await alices.presence('bob', 'dnd', shown);
    expect((await presenceOf(proxy.url, alice, ['bob']))[0]?.status).toBe('dnd');
    await Promise.all([alices, carols].map((s) => s.close()));
  });
});

describe('only-these', () => {
  it('lets only the people listed see, and hides from everyone with nobody listed', async () => {
    const [erin, frank, grace] = await loginAll(proxy.url, 'erin', 'frank', 'grace');
    const franks = await watching(frank, 'erin', 'available');
    const graces = await watching(grace, 'erin', 'available');

    await setPrivacy(erin, { mode: 'only-these', people: [] });
    await franks.presence('erin', 'offline');
    await graces.presence('erin', 'offline');
    expect(await presenceOf(proxy.url, frank, ['erin'])).toEqual([OFFLINE('erin')]);

    const listed = franks.frames.length;
    await setPrivacy(erin, { mode: 'only-these', people: ['frank'] });
    await franks.presence('erin', 'available', listed);
    const mark = graces.frames.length;
    await setStatus(erin, 'in-meeting');
    await franks.presence('erin', 'in-meeting');
    expect((await presenceOf(proxy.url, frank, ['erin']))[0]?.status).toBe('in-meeting');
    expect(await presenceOf(proxy.url, grace, ['erin'])).toEqual([OFFLINE('erin')]);
    // Grace's next frame answers a ping sent after erin's change: nothing of erin's came before it.
    graces.send({ type: 'ping', id: 9 });
    await graces.next((f) => f.type === 'ack' && f.id === 9, mark);
    expect(presenceSeen(graces, 'erin', mark)).toEqual([]);

    // Switching to everybody-except with grace listed: frank keeps seeing, grace still does not.
    await setPrivacy(erin, { mode: 'everybody-except', people: ['grace'] });
    expect((await presenceOf(proxy.url, frank, ['erin']))[0]?.status).toBe('in-meeting');
    expect(await presenceOf(proxy.url, grace, ['erin'])).toEqual([OFFLINE('erin')]);
    await Promise.all([franks, graces].map((s) => s.close()));
  });
});

describe('the owner', () => {
  it('always sees themselves, and every stream of theirs gets the list as a privacy event', async () => {
    const laptop = await login(proxy.url, 'ivan');
    const phone = await login(proxy.url, 'ivan', { client: 'mobile' });
    const tab = TestSocket.open(proxy.url, { token: laptop.token });
    const handset = TestSocket.open(proxy.url, { token: phone.token });
    await Promise.all([tab.presence('ivan', 'available'), handset.presence('ivan', 'available')]);

    const answer = (await (
      await setPrivacy(laptop, { mode: 'only-these', people: ['judy', 'judy', 'kenji'] })
    ).json()) as PrivacyList;
    expect(answer).toEqual({ mode: 'only-these', people: ['judy', 'kenji'] });
    for (const socket of [tab, handset]) {
      const event = await socket.next((f) => f.type === 'privacy');
      expect(event).toEqual({ seq: expect.any(Number), type: 'privacy', privacy: answer });
    }
    await setStatus(laptop, 'away');
    await handset.presence('ivan', 'away');
    expect((await presenceOf(proxy.url, phone, ['ivan']))[0]?.status).toBe('away');
    await Promise.all([tab, handset].map((s) => s.close()));
  });
});

describe('callers without a login', () => {
  it('see a person whose list hides them from anyone as offline, and others as they are', async () => {
    const [heidi, kenji] = await loginAll(proxy.url, 'heidi', 'kenji');
    const anonymous = await watching(null, 'heidi', 'available');
    anonymous.send({ type: 'watch', id: 2, add: ['kenji'] });
    await anonymous.presence('kenji', 'available');
    const anonymousPresence = async (ids: string) =>
      ((await (await request(proxy.url, `/api/v1/presence?users=${ids}`)).json()) as { presence: Presence[] })
        .presence;

    // An everybody-except list naming anyone hides heidi from callers who could be that person.
    await setPrivacy(heidi, { mode: 'everybody-except', people: ['leila'] });
    await anonymous.presence('heidi', 'offline');
    expect(await anonymousPresence('heidi,kenji')).toEqual([
      OFFLINE('heidi'),
      { userId: 'kenji', status: 'available', message: '', mobile: false },
    ]);
    expect((await request(proxy.url, '/api/v1/users/heidi')).status).toBe(404);
    expect((await request(proxy.url, '/api/v1/users/kenji')).status).toBe(200);
    // People the list does not name still see heidi.
    expect((await presenceOf(proxy.url, kenji, ['heidi']))[0]?.status).toBe('available');

    const shown = anonymous.frames.length;
    await setPrivacy(heidi, { mode: 'everybody-except', people: [] });
    await anonymous.presence('heidi', 'available', shown);
    expect((await anonymousPresence('heidi'))[0]?.status).toBe('available');
    await anonymous.close();
  });
});

describe('the privacy API', () => {
  it('answers the default list, refuses bad lists, and needs a login', async () => {
    const judy = await login(proxy.url, 'judy');
    const get = await request(proxy.url, '/api/v1/me/privacy', { token: judy.token });
    expect(await get.json()).toEqual({ mode: 'everybody-except', people: [] });

    const refusals: [unknown, number, string][] = [
      [{ mode: 'nobody', people: [] }, 400, 'ST_ERR_VALIDATION'],
      [{ mode: 'only-these' }, 400, 'ST_ERR_VALIDATION'],
      [{ mode: 'only-these', people: ['a b'] }, 400, 'ST_ERR_VALIDATION'],
      [{ mode: 'only-these', people: [], extra: 1 }, 400, 'ST_ERR_VALIDATION'],
      [
        { mode: 'only-these', people: Array.from({ length: 1001 }, (_, i) => `p${i}`) },
        400,
        'ST_ERR_TOO_MANY_IDS',
      ],
    ];
    for (const [json, status, code] of refusals) {
      const response = await setPrivacy(judy, json as PrivacyList);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    // People the directory does not know are kept: they may be added to it later.
    const kept = await setPrivacy(judy, { mode: 'everybody-except', people: ['not-yet-hired', 'bob'] });
    expect(await kept.json()).toEqual({ mode: 'everybody-except', people: ['not-yet-hired', 'bob'] });
    expect(await (await request(proxy.url, '/api/v1/me/privacy', { token: judy.token })).json()).toEqual({
      mode: 'everybody-except',
      people: ['not-yet-hired', 'bob'],
    });

    expect((await request(proxy.url, '/api/v1/me/privacy')).status).toBe(401);
    const anonymousPut = await request(proxy.url, '/api/v1/me/privacy', {
      method: 'PUT',
      json: { mode: 'only-these', people: [] },
    });
    expect(anonymousPut.status).toBe(401);
  });

  it('limits each login to a burst of changes', async () => {
    const leila = await login(proxy.url, 'leila');
    const list: PrivacyList = { mode: 'everybody-except', people: [] };
    const answers = await Promise.all(Array.from({ length: 80 }, () => setPrivacy(leila, list)));
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThan(0);
  });
});

describe('across a restart', () => {
  it('keeps enforcing a stored list from the first request', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'st-privacy-'));
    try {
      const first = await startTestProxy({ dataDir });
      await setPrivacy(await login(first.url, 'bob'), { mode: 'only-these', people: ['carol'] }, first.url);
      await first.close();

      const second = await startTestProxy({ dataDir });
      try {
        const [bob, carol, dave] = await loginAll(second.url, 'bob', 'carol', 'dave');
        expect((await presenceOf(second.url, carol, ['bob']))[0]?.status).toBe('available');
        expect(await presenceOf(second.url, dave, ['bob'])).toEqual([OFFLINE('bob')]);
        const stored = await request(second.url, '/api/v1/me/privacy', { token: bob.token });
        expect(await stored.json()).toEqual({ mode: 'only-these', people: ['carol'] });
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
