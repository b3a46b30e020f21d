/**
 * End to end through the real proxy: chat messages to a person whose phone is in the background
 * reach the fake APNs (and FCM) as one push each, with the conversation's thread and the badge;
 * nothing is pushed while a session of theirs is in the foreground; dead tokens are forgotten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { login, request, type TestSession, TestSocket, waitFor } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';
import { type PushRig, startPushRig } from './testing/push-rig.ts';

let rig: PushRig;
let proxy: RunningProxy;

beforeAll(async () => {
  rig = await startPushRig();
  proxy = await startTestProxy(rig.config);
});
afterAll(async () => {
  await proxy.close();
  await rig.stop();
});

async function imWith(session: TestSession, peer: string): Promise<string> {
  const response = await request(proxy.url, `/api/v1/conversations/im/${peer}`, {
    method: 'PUT',
    token: session.token,
  });
  expect([200, 201]).toContain(response.status);
  return ((await response.json()) as { conversation: { id: string } }).conversation.id;
}

async function say(session: TestSession, conversationId: string, text: string): Promise<void> {
  const response = await request(proxy.url, `/api/v1/conversations/${conversationId}/messages`, {
    method: 'POST',
    token: session.token,
    json: { text },
  });
  expect(response.status).toBe(201);
}

async function foreground(session: TestSession, value: boolean): Promise<void> {
  const response = await request(proxy.url, '/api/v1/session/state', {
    method: 'PUT',
    token: session.token,
    json: { foreground: value },
  });
  expect(response.status).toBe(204);
}

/** `userId` on a phone in the background, registered for push as `token`. */
async function phoneInBackground(userId: string, token: string, platform = 'ios'): Promise<TestSession> {
  const phone = await login(proxy.url, userId, { client: 'mobile' });
  const registered = await request(proxy.url, '/api/v1/push/devices', {
    method: 'POST',
    token: phone.token,
    json: { platform, token },
  });
  expect(registered.status).toBe(201);
  await foreground(phone, false);
  return phone;
}

const bodies = (token: string) => rig.apns.delivered(token).map((r) => r.payload.aps.alert.body);

describe('pushes for chat', () => {
  it('sends one push per message, with the thread and badge, to a backgrounded phone only', async () => {
    const alice = await login(proxy.url, 'alice');
    const phone = await phoneInBackground('bob', 'bob-phone');
    const conversation = await imWith(alice, 'bob');

    await say(alice, conversation, 'first');
    await waitFor(() => bodies('bob-phone').length === 1);
    await say(alice, conversation, 'second');
    await waitFor(() => bodies('bob-phone').length === 2);
    const pushes = rig.apns.delivered('bob-phone');
    expect(bodies('bob-phone')).toEqual(['first', 'second']);
    expect(pushes.map((p) => p.payload.aps['thread-id'])).toEqual([conversation, conversation]);
    expect(pushes.map((p) => p.payload.aps.badge)).toEqual([1, 2]);
    expect(pushes[0]!.payload.conversationId).toBe(conversation);
    expect(pushes[0]!.payload.aps.alert.title).toBe('Alice Andersson');
    expect(pushes[0]!.payload.aps.category).toBe('ST_MESSAGE');
    expect(pushes[0]!.headers['apns-collapse-id']).toBe(conversation);

    // In the foreground: nothing. Back in the background: pushes again, the badge counted anew.
    await foreground(phone, true);
    await say(alice, conversation, 'while looking');
    await foreground(phone, false);
    await say(alice, conversation, 'after');
    await waitFor(() => bodies('bob-phone').length === 3);
    expect(bodies('bob-phone')).toEqual(['first', 'second', 'after']);
    expect(rig.apns.delivered('bob-phone')[2]!.payload.aps.badge).toBe(1);
  });

  it('pushes nothing while the person has a web session with a live stream', async () => {
    const alice = await login(proxy.url, 'alice');
    await phoneInBackground('carol', 'carol-phone');
    const web = await login(proxy.url, 'carol');
    const socket = TestSocket.open(proxy.url, { token: web.token });
    await socket.hello();
    const conversation = await imWith(alice, 'carol');
    await say(alice, conversation, 'seen on the web');
    await request(proxy.url, '/api/v1/session', { method: 'DELETE', token: web.token });
    await socket.closed;
    await say(alice, conversation, 'pushed');
    await waitFor(() => bodies('carol-phone').length === 1);
    expect(bodies('carol-phone')).toEqual(['pushed']);
  });

  it('reaches Android phones through FCM, and forgets tokens the services call dead', async () => {
    const alice = await login(proxy.url, 'alice');
    const phone = await phoneInBackground('dave', 'dave-old-iphone');
    for (const [platform, token] of [
      ['android', 'dave-pixel'],
      ['android', 'dave-old-pixel'],
    ]) {
      await request(proxy.url, '/api/v1/push/devices', {
        method: 'POST',
        token: phone.token,
        json: { platform, token },
      });
    }
    rig.apns.script('dave-old-iphone', { status: 410 });
    rig.fcm.script('dave-old-pixel', { status: 404, errorCode: 'UNREGISTERED' });
    const conversation = await imWith(alice, 'dave');
    await say(alice, conversation, 'hello Dave');

    const devices = async () => {
      const response = await request(proxy.url, '/api/v1/push/devices', { token: phone.token });
      return ((await response.json()) as { devices: { token: string }[] }).devices.map((d) => d.token);
    };
    await waitFor(async () => (await devices()).length === 1);
    expect(await devices()).toEqual(['dave-pixel']);
    expect(rig.fcm.delivered('dave-pixel').map((r) => r.message.notification.body)).toEqual(['hello Dave']);
    const metrics = await (await fetch(`${proxy.url}/metrics`)).text();
    expect(metrics).toMatch(/^st_push_sent_total\{platform="android"\} 1$/m);
    expect(metrics).toMatch(/^st_push_devices_removed_total\{platform="ios",reason="Unregistered"\} 1$/m);
  });
});
