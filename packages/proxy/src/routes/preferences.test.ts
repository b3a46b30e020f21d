/** Preferences: defaults, merge patches, the `preferences` event, validation, and the store. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PREFERENCES, type Preferences } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { CONTACT_LIMITS } from '../store/open.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { errorCode, type Frame, login, request, type TestSession, TestSocket } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
let store: SqliteStore;
let storeDir: string;
beforeAll(async () => {
  // A store the test opened itself, so it can look at what was stored and plant old values.
  storeDir = await mkdtemp(join(tmpdir(), 'st-preferences-'));
  store = SqliteStore.open(storeDir, CONTACT_LIMITS);
  proxy = await startTestProxy({}, { store });
});
afterAll(async () => {
  await proxy.close();
  await store.close();
  await rm(storeDir, { recursive: true, force: true });
});

const get = (who: TestSession) => request(proxy.url, '/api/v1/me/preferences', { token: who.token });
const patch = (who: TestSession, json: unknown) =>
  request(proxy.url, '/api/v1/me/preferences', { method: 'PATCH', token: who.token, json });

describe('preferences', () => {
  it('start at the defaults, change by merge patch, and go back to a default with null', async () => {
    const alice = await login(proxy.url, 'alice');
    expect(await (await get(alice)).json()).toEqual(DEFAULT_PREFERENCES);

    const changed = await patch(alice, { sound: false, idleMinutes: 10, hideMessageTextInPush: true });
    expect(changed.status).toBe(200);
    const expected: Preferences = {
      ...DEFAULT_PREFERENCES,
      sound: false,
      idleMinutes: 10,
      hideMessageTextInPush: true,
    };
    expect(await changed.json()).toEqual(expected);
    // Another login of the same person reads the same.
    expect(await (await get(await login(proxy.url, 'alice'))).json()).toEqual(expected);
    expect(await store.preferences('alice')).toEqual({
      sound: false,
      idleMinutes: 10,
      hideMessageTextInPush: true,
    });

    const reset = await patch(alice, { sound: null, showPhotos: false });
    expect(await reset.json()).toEqual({ ...expected, sound: DEFAULT_PREFERENCES.sound, showPhotos: false });
    expect(await store.preferences('alice')).toEqual({
      idleMinutes: 10,
      hideMessageTextInPush: true,
      showPhotos: false,
    });
  });

  it('reach every stream of the person as a preferences event, and only when something changed', async () => {
    const laptop = await login(proxy.url, 'bob');
    const phone = await login(proxy.url, 'bob', { client: 'mobile' });
    const other = await login(proxy.url, 'carol');
    const sockets = [laptop, phone, other].map((who) => TestSocket.open(proxy.url, { token: who.token }));
    await Promise.all(sockets.map((s) => s.hello()));
    const isPreferences = (f: Frame) => f.type === 'preferences';

    const answer = await (await patch(laptop, { bringChatToFront: true })).json();
    for (const socket of sockets.slice(0, 2)) {
      expect(await socket.next(isPreferences)).toEqual({
        seq: expect.any(Number),
        type: 'preferences',
        preferences: answer,
      });
    }
    // The same value again changes nothing and sends nothing; the next real change is the second event.
    await patch(phone, { bringChatToFront: true });
    await patch(phone, { notifyWhenPartnerLeaves: false });
    for (const socket of sockets.slice(0, 2)) {
      await socket.next((f) => isPreferences(f) && f.preferences.notifyWhenPartnerLeaves === false);
      expect(socket.frames.filter(isPreferences)).toHaveLength(2);
    }
    // Carol's streams never hear of bob's preferences: her own change is her first such event.
    await patch(other, { sound: false });
    await sockets[2]!.next(isPreferences);
    expect(sockets[2]!.frames.filter(isPreferences)).toHaveLength(1);
    await Promise.all(sockets.map((s) => s.close()));
  });

  it('refuse unknown names, wrong types and idle times out of range, changing nothing', async () => {
    const dave = await login(proxy.url, 'dave');
    for (const json of [
      { loud: true },
      { sound: 'yes' },
      { idleMinutes: -1 },
      { idleMinutes: 481 },
      { idleMinutes: 2.5 },
      { sound: false, idleMinutes: 'soon' },
      [],
    ]) {
      const response = await patch(dave, json);
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('ST_ERR_VALIDATION');
    }
    expect(await (await get(dave)).json()).toEqual(DEFAULT_PREFERENCES);
    // An empty patch is no change.
    expect(await (await patch(dave, {})).json()).toEqual(DEFAULT_PREFERENCES);
    expect((await request(proxy.url, '/api/v1/me/preferences')).status).toBe(401);
  });

  it('read a stored value that no longer fits as its default, and keep other stored keys apart', async () => {
    await store.setPreferences('erin', {
      sound: 'loud',
      idleMinutes: 5000,
      showPhotos: false,
      legacyTheme: 'dark',
    });
    const erin = await login(proxy.url, 'erin');
    expect(await (await get(erin)).json()).toEqual({ ...DEFAULT_PREFERENCES, showPhotos: false });
    await patch(erin, { sound: false });
    expect(await store.preferences('erin')).toMatchObject({ sound: false, legacyTheme: 'dark' });
  });
});
