import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoredDevice } from '../store/device-store.ts';
import { APNS_PAYLOAD_LIMIT } from './apns-payload.ts';
import { ApnsSender } from './apns-sender.ts';
import { APNS_TOKEN_REFRESH_MS, ApnsTokenSigner } from './apns-token.ts';
import { describeEvent } from './notification.ts';
import type { RetryPolicy } from './retry.ts';
import { makeTestCertificate, type TestCertificate } from './testing/certificate.ts';
import { makeTestPushCredentials, type TestPushCredentials } from './testing/credentials.ts';
import { FakeApns } from './testing/fake-apns.ts';

const TOPIC = 'com.example.st';
const FAST_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5000 };

let tls: TestCertificate;
let credentials: TestPushCredentials;
let apns: FakeApns;
let clock: number;
let signer: ApnsTokenSigner;
let sender: ApnsSender;

function device(token: string, appId?: string): StoredDevice {
  return { token, userId: 'bob', platform: 'ios', appId, registeredAt: Date.now() };
}

const message = (text: string, conversationId = 'im_abc') =>
  describeEvent(
    { kind: 'message', conversationId, from: { id: 'alice', displayName: 'Alice Example' }, text },
    { badge: 3, hideText: false },
  );

beforeAll(async () => {
  tls = makeTestCertificate();
  credentials = makeTestPushCredentials();
  apns = await new FakeApns({
    cert: tls.cert,
    key: tls.key,
    publicKey: credentials.apnsPublicKey,
    keyId: credentials.keyId,
    teamId: credentials.teamId,
    topics: [TOPIC, `${TOPIC}.beta`],
  }).start();
});

afterAll(async () => {
  await apns.stop();
  tls.remove();
  credentials.remove();
});

beforeEach(async () => {
  await sender?.close();
  clock = Date.now();
  signer = new ApnsTokenSigner(
    credentials.apnsPrivateKey,
    credentials.keyId,
    credentials.teamId,
    () => clock,
  );
  sender = new ApnsSender({
    url: apns.url,
    topics: [TOPIC, `${TOPIC}.beta`],
    signer,
    ca: tls.cert,
    retry: FAST_RETRY,
  });
});

describe('the APNs sender', () => {
  it('sends a well-formed alert that Apple accepts', async () => {
    const outcome = await sender.send(device('a1'), message('Lunch at noon?'));
    expect(outcome).toEqual({ result: 'sent' });
    const [request] = apns.delivered('a1');
    expect(request!.headers['apns-topic']).toBe(TOPIC);
    expect(request!.headers['apns-push-type']).toBe('alert');
    expect(request!.headers['apns-priority']).toBe('10');
    expect(Number(request!.headers['apns-expiration'])).toBeGreaterThan(Date.now() / 1000);
    expect(request!.headers['apns-collapse-id']).toBe('im_abc');
    expect(request!.payload).toEqual({
      aps: {
        alert: { title: 'Alice Example', body: 'Lunch at noon?' },
        badge: 3,
        sound: 'default',
        'thread-id': 'im_abc',
        category: 'ST_MESSAGE',
      },
      kind: 'message',
      conversationId: 'im_abc',
    });
  });

  it("uses a device's own topic only when it is one of the configured ones", async () => {
    await sender.send(device('t1', `${TOPIC}.beta`), message('hi'));
    await sender.send(device('t2', 'com.someone.else'), message('hi'));
    expect(apns.delivered('t1')[0]!.headers['apns-topic']).toBe(`${TOPIC}.beta`);
    expect(apns.delivered('t2')[0]!.headers['apns-topic']).toBe(TOPIC);
  });

  it('reuses one provider token over one connection, and signs a new one only after 40 minutes', async () => {
    const before = apns.connections;
    await Promise.all(['j1', 'j2', 'j3'].map((t) => sender.send(device(t), message('hi'))));
    const tokens = new Set(['j1', 'j2', 'j3'].map((t) => apns.delivered(t)[0]!.jwt));
    expect(tokens.size).toBe(1);
    expect(apns.connections - before).toBe(1);

    clock += APNS_TOKEN_REFRESH_MS - 60_000;
    await sender.send(device('j4'), message('hi'));
    expect(apns.delivered('j4')[0]!.jwt).toBe([...tokens][0]);

    clock += 2 * 60_000;
    await sender.send(device('j5'), message('hi'));
    expect(apns.delivered('j5')[0]!.jwt).not.toBe([...tokens][0]);
    expect(apns.connections - before).toBe(1);
  });

  it('calls 410 Unregistered and 400 BadDeviceToken dead, and tries each once', async () => {
    apns.script('gone', { status: 410 });
    apns.script('bad', { status: 400, reason: 'BadDeviceToken' });
    expect(await sender.send(device('gone'), message('hi'))).toEqual({
      result: 'dead',
      reason: 'Unregistered',
    });
    expect(await sender.send(device('bad'), message('hi'))).toEqual({
      result: 'dead',
      reason: 'BadDeviceToken',
    });
    expect(apns.requests.filter((r) => r.token === 'gone' || r.token === 'bad')).toHaveLength(2);
  });

  it('retries 429 after the Retry-After Apple gave, and 503 with backoff', async () => {
    apns.script('busy', { status: 429, retryAfter: 0 });
    apns.script('down', { status: 503 }, { status: 503 });
    expect(await sender.send(device('busy'), message('hi'))).toEqual({ result: 'sent' });
    expect(await sender.send(device('down'), message('hi'))).toEqual({ result: 'sent' });
    expect(apns.requests.filter((r) => r.token === 'busy').map((r) => r.status)).toEqual([429, 200]);
    expect(apns.requests.filter((r) => r.token === 'down').map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('gives up after its tries, and when Apple asks for too long a wait', async () => {
    apns.script('dead-server', { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    apns.script('patient', { status: 429, retryAfter: 3600 });
    expect(await sender.send(device('dead-server'), message('hi'))).toMatchObject({
      result: 'failed',
      reason: 'ServiceUnavailable',
      status: 503,
    });
    expect(apns.requests.filter((r) => r.token === 'dead-server')).toHaveLength(FAST_RETRY.attempts);
    expect(await sender.send(device('patient'), message('hi'))).toMatchObject({
      result: 'failed',
      status: 429,
    });
    expect(apns.requests.filter((r) => r.token === 'patient')).toHaveLength(1);
  });

  it('signs a new provider token once when Apple says the old one expired', async () => {
    await sender.send(device('e0'), message('hi'));
    const first = apns.delivered('e0')[0]!.jwt;
    apns.script('e1', { status: 403, reason: 'ExpiredProviderToken' });
    clock += 1000;
    expect(await sender.send(device('e1'), message('hi'))).toEqual({ result: 'sent' });
    const tries = apns.requests.filter((r) => r.token === 'e1');
    expect(tries.map((r) => r.status)).toEqual([403, 200]);
    expect(tries[1]!.jwt).not.toBe(first);
  });

  it('keeps a long message within 4 KB by shortening its text, never the JSON', async () => {
    const long = `${'Grüße 👋 '.repeat(1000)}end`;
    expect(await sender.send(device('long'), message(long))).toEqual({ result: 'sent' });
    const [request] = apns.delivered('long');
    expect(Buffer.byteLength(request!.body)).toBeLessThanOrEqual(APNS_PAYLOAD_LIMIT);
    expect(Buffer.byteLength(request!.body)).toBeGreaterThan(APNS_PAYLOAD_LIMIT - 64);
    const body: string = request!.payload.aps.alert.body;
    expect(body.endsWith('…')).toBe(true);
    expect(long.startsWith(body.slice(0, -1))).toBe(true);
  });

  it('hashes a collapse id longer than APNs allows, the same way every time', async () => {
    const conversation = `nw_${'x'.repeat(80)}`;
    await sender.send(device('c1'), message('one', conversation));
    await sender.send(device('c2'), message('two', conversation));
    const [a, b] = [apns.delivered('c1')[0]!, apns.delivered('c2')[0]!];
    expect(a.headers['apns-collapse-id']).toBe(b.headers['apns-collapse-id']);
    expect(Buffer.byteLength(String(a.headers['apns-collapse-id']))).toBeLessThanOrEqual(64);
    expect(a.payload.aps['thread-id']).toBe(conversation);
  });

  it('opens a new connection after a GOAWAY and keeps pushing', async () => {
    await sender.send(device('g1'), message('hi'));
    const before = apns.connections;
    apns.goAway();
    await sender.send(device('g2'), message('hi'));
    expect(apns.delivered('g2')).toHaveLength(1);
    expect(apns.connections).toBe(before + 1);
  });
});
