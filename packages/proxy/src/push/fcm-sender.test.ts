import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoredDevice } from '../store/device-store.ts';
import { FcmAccessTokens } from './fcm-auth.ts';
import { FCM_PAYLOAD_LIMIT } from './fcm-message.ts';
import { FcmSender } from './fcm-sender.ts';
import { HttpsClient } from './https-client.ts';
import { loadServiceAccount } from './keys.ts';
import { describeEvent } from './notification.ts';
import type { RetryPolicy } from './retry.ts';
import { makeTestCertificate, type TestCertificate } from './testing/certificate.ts';
import { makeTestPushCredentials, type TestPushCredentials } from './testing/credentials.ts';
import { FakeFcm } from './testing/fake-fcm.ts';

const FAST_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5000 };

let tls: TestCertificate;
let credentials: TestPushCredentials;
let fcm: FakeFcm;
let tokens: FcmAccessTokens;
let sender: FcmSender;

function device(token: string): StoredDevice {
  return { token, userId: 'bob', platform: 'android', registeredAt: Date.now() };
}

const invitation = describeEvent(
  {
    kind: 'invitation',
    conversationId: 'nw_1',
    from: { id: 'carol', displayName: 'Carol' },
    topic: 'Budget',
  },
  { badge: 2, hideText: false },
);
const message = (text: string) =>
  describeEvent(
    { kind: 'message', conversationId: 'im_9', from: { id: 'alice', displayName: 'Alice' }, text },
    { badge: 1, hideText: false },
  );

beforeAll(async () => {
  tls = makeTestCertificate();
  credentials = makeTestPushCredentials();
  fcm = await new FakeFcm({
    cert: tls.cert,
    key: tls.key,
    projectId: credentials.projectId,
    clientEmail: credentials.clientEmail,
    publicKey: credentials.fcmPublicKey,
  }).start();
});

afterAll(async () => {
  await sender?.close();
  await fcm.stop();
  tls.remove();
  credentials.remove();
});

beforeEach(async () => {
  await sender?.close();
  const account = loadServiceAccount(readFileSync(credentials.writeServiceAccount(fcm.tokenUri), 'utf8'));
  const http = new HttpsClient(tls.cert);
  tokens = new FcmAccessTokens(account, http);
  sender = new FcmSender({ url: fcm.url, projectId: account.projectId, tokens, http, retry: FAST_RETRY });
});

describe('the FCM sender', () => {
  it('mints an access token from the service account and sends an HTTP v1 message', async () => {
    expect(await sender.send(device('f1'), invitation)).toEqual({ result: 'sent' });
    const [request] = fcm.delivered('f1');
    expect(request!.message).toEqual({
      token: 'f1',
      notification: { title: 'Carol', body: 'Invites you to a chat: Budget' },
      data: { kind: 'invitation', conversationId: 'nw_1', badge: '2' },
      android: {
        priority: 'HIGH',
        ttl: '86400s',
        collapse_key: 'nw_1',
        notification: { tag: 'nw_1', notification_count: 2 },
      },
    });
  });

  it('reuses the access token until it nears its expiry', async () => {
    await Promise.all(['r1', 'r2', 'r3'].map((t) => sender.send(device(t), message('hi'))));
    expect(tokens.minted).toBe(1);
  });

  it('mints a new access token once when FCM refuses the old one', async () => {
    await sender.send(device('u0'), message('hi'));
    fcm.revokeTokens();
    expect(await sender.send(device('u1'), message('hi'))).toEqual({ result: 'sent' });
    expect(tokens.minted).toBe(2);
  });

  it('calls UNREGISTERED and NOT_FOUND dead, and keeps a token FCM merely calls invalid', async () => {
    fcm.script('gone', { status: 404, errorCode: 'UNREGISTERED' });
    fcm.script('missing', { status: 404, errorCode: 'NOT_FOUND' });
    fcm.script('odd', { status: 400, errorCode: 'INVALID_ARGUMENT' });
    expect(await sender.send(device('gone'), message('hi'))).toEqual({
      result: 'dead',
      reason: 'UNREGISTERED',
    });
    expect(await sender.send(device('missing'), message('hi'))).toEqual({
      result: 'dead',
      reason: 'NOT_FOUND',
    });
    expect(await sender.send(device('odd'), message('hi'))).toMatchObject({ result: 'failed', status: 400 });
  });

  it('keeps every token when a wrong endpoint answers 404 pages', async () => {
    const http = new HttpsClient(tls.cert);
    const lost = new FcmSender({ url: `${fcm.url}/wrong`, projectId: credentials.projectId, tokens, http });
    expect(await lost.send(device('w1'), message('hi'))).toEqual({
      result: 'failed',
      reason: 'HTTP 404',
      status: 404,
    });
    await lost.close();
  });

  it('retries 429 after Retry-After and 503 with backoff', async () => {
    fcm.script('quota', { status: 429, retryAfter: 0 });
    fcm.script('down', { status: 503 }, { status: 503 });
    expect(await sender.send(device('quota'), message('hi'))).toEqual({ result: 'sent' });
    expect(await sender.send(device('down'), message('hi'))).toEqual({ result: 'sent' });
    expect(fcm.requests.filter((r) => r.token === 'quota').map((r) => r.status)).toEqual([429, 200]);
    expect(fcm.requests.filter((r) => r.token === 'down').map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('keeps a long message within 4 KB', async () => {
    const long = 'x'.repeat(10_000);
    expect(await sender.send(device('long'), message(long))).toEqual({ result: 'sent' });
    const [request] = fcm.delivered('long');
    expect(Buffer.byteLength(request!.body)).toBeLessThanOrEqual(FCM_PAYLOAD_LIMIT);
    expect(request!.message.notification.body.endsWith('…')).toBe(true);
  });
});
