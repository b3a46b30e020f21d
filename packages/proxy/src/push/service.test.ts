/**
 * The push sender as the rest of the proxy drives it: the notifier called directly (as chat
 * does after storing an event), real logins and a real device store, pushing to the fakes of
 * APNs and FCM.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LoginEnd } from '../auth/logins.ts';
import { EmbeddedCommunity } from '../community/embedded.ts';
import { loadConfig } from '../config.ts';
import { PresenceTally } from '../presence/tally.ts';
import { CONTACT_LIMITS } from '../store/open.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { createPushService } from './create.ts';
import { IndexedLoginStore } from './foreground.ts';
import type { PushService } from './service.ts';
import { type PushRig, startPushRig } from './testing/push-rig.ts';
import type { PushEvent } from './types.ts';

const ALICE = { id: 'alice', displayName: 'Alice Example' };
const BOB = { id: 'bob', displayName: 'Bob Example' };
const message = (text: string, conversationId = 'im_ab'): PushEvent => ({
  kind: 'message',
  conversationId,
  from: ALICE,
  text,
});

let rig: PushRig;
let dataDir: string;
let community: EmbeddedCommunity;
let store: SqliteStore;
let logins: IndexedLoginStore;
let push: PushService;
const hidden = new Set<string>();

beforeAll(async () => {
  rig = await startPushRig();
});
afterAll(() => rig.stop());

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'st-push-service-'));
  store = SqliteStore.open(dataDir, CONTACT_LIMITS);
  community = new EmbeddedCommunity({ statuses: store });
  await community.start();
  const tally = new PresenceTally(community, () => {});
  logins = new IndexedLoginStore({ tally, ttlMs: 3_600_000, graceMs: 60_000 });
  hidden.clear();
  push = createPushService({
    config: { ...loadConfig({}), dataDir, ...rig.config },
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    logins,
    preferences: { get: async (userId) => ({ hideMessageTextInPush: hidden.has(userId) }) },
    devices: store.devices,
  });
});

afterEach(async () => {
  await push.settled();
  await push.close();
  logins.stop();
  await community.stop();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Bob on his phone with the app in the background, registered for push with `token`. */
async function backgroundedPhone(token: string, platform: 'ios' | 'android' = 'ios') {
  const login = logins.create(BOB, true);
  await push.registerDevice(login, { platform, token });
  login.foreground = false;
  push.sessionStateChanged(login);
  return login;
}

describe('who gets a push', () => {
  it('pushes once per event to a person whose only session is a backgrounded phone', async () => {
    await backgroundedPhone('phone1');
    push.notify('bob', message('Lunch?'));
    await push.settled();
    const [request] = rig.apns.delivered('phone1');
    expect(rig.apns.delivered('phone1')).toHaveLength(1);
    expect(request!.payload.aps['thread-id']).toBe('im_ab');
    expect(request!.payload.aps.badge).toBe(1);
    expect(request!.payload.aps.alert).toEqual({ title: 'Alice Example', body: 'Lunch?' });
  });

  it('pushes nothing while the phone is in the foreground, or a web session is live', async () => {
    const phone = await backgroundedPhone('phone2');
    phone.foreground = true;
    push.notify('bob', message('one'));
    await push.settled();
    phone.foreground = false;
    const web = logins.create(BOB, false);
    push.notify('bob', message('two'));
    await push.settled();
    expect(rig.apns.requests.filter((r) => r.token === 'phone2')).toHaveLength(0);

    logins.end(web, LoginEnd.Logout);
    push.notify('bob', message('three'));
    await push.settled();
    expect(rig.apns.delivered('phone2').map((r) => r.payload.aps.alert.body)).toEqual(['three']);
  });

  it('counts the badge up until the person comes to the foreground', async () => {
    const phone = await backgroundedPhone('phone3');
    push.notify('bob', message('a'));
    await push.settled();
    push.notify('bob', message('b', 'nw_x'));
    await push.settled();
    phone.foreground = true;
    push.sessionStateChanged(phone);
    phone.foreground = false;
    push.sessionStateChanged(phone);
    push.notify('bob', message('c'));
    await push.settled();
    expect(rig.apns.delivered('phone3').map((r) => r.payload.aps.badge)).toEqual([1, 2, 1]);
  });

  it('hides the text when the person asked for that', async () => {
    hidden.add('bob');
    await backgroundedPhone('phone4');
    push.notify('bob', message('the secret plan'));
    push.notify('bob', { kind: 'announcement', id: 'an_1', from: ALICE, text: 'all hands' });
    await push.settled();
    const bodies = rig.apns.delivered('phone4').map((r) => r.payload.aps.alert.body);
    expect(bodies.sort()).toEqual(['New announcement', 'New message']);
  });

  it('reaches every device of the person, Android ones through FCM', async () => {
    const phone = await backgroundedPhone('iphone5');
    await push.registerDevice(phone, { platform: 'android', token: 'pixel5' });
    push.notify('bob', { kind: 'invitation', conversationId: 'nw_5', from: ALICE, topic: 'Budget' });
    await push.settled();
    expect(rig.apns.delivered('iphone5')).toHaveLength(1);
    expect(rig.fcm.delivered('pixel5')).toHaveLength(1);
    expect(rig.fcm.delivered('pixel5')[0]!.message.data.conversationId).toBe('nw_5');
  });
});

describe('devices', () => {
  it('forgets a device whose token APNs or FCM calls dead', async () => {
    const phone = await backgroundedPhone('dead-ios');
    await push.registerDevice(phone, { platform: 'android', token: 'dead-android' });
    await push.registerDevice(phone, { platform: 'ios', token: 'alive-ios' });
    rig.apns.script('dead-ios', { status: 410 });
    rig.fcm.script('dead-android', { status: 404, errorCode: 'UNREGISTERED' });
    push.notify('bob', message('hello'));
    await push.settled();
    expect((await push.devicesOf('bob')).map((d) => d.token)).toEqual(['alive-ios']);
  });

  it("are removed when the phone's login logs out, and kept when it merely expires", async () => {
    const first = await backgroundedPhone('out1');
    const second = await backgroundedPhone('kept2');
    logins.end(first, LoginEnd.Logout);
    logins.end(second, LoginEnd.Expired);
    await push.settled();
    expect((await push.devicesOf('bob')).map((d) => d.token)).toEqual(['kept2']);
  });

  it('move to the person who registers them last', async () => {
    await backgroundedPhone('shared');
    const alice = logins.create(ALICE, true);
    await push.registerDevice(alice, { platform: 'ios', token: 'shared' });
    expect(await push.devicesOf('bob')).toEqual([]);
    expect((await push.devicesOf('alice')).map((d) => d.token)).toEqual(['shared']);
  });
});
