/** `/api/v1/push/devices` through a real proxy, and the push settings it starts with. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, request, type TestSession, waitFor } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';
import { type PushRig, startPushRig } from './testing/push-rig.ts';

let rig: PushRig;
let proxy: RunningProxy;

beforeAll(async () => {
  rig = await startPushRig();
  proxy = await startTestProxy({
    ...rig.config,
    allowedOrigins: ['capacitor://localhost', 'https://localhost'],
  });
});
afterAll(async () => {
  await proxy.close();
  await rig.stop();
});

async function devices(session: TestSession): Promise<{ token: string; platform: string; appId?: string }[]> {
  const response = await request(proxy.url, '/api/v1/push/devices', { token: session.token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { devices: { token: string; platform: string }[] }).devices;
}

function register(session: TestSession, json: unknown): Promise<Response> {
  return request(proxy.url, '/api/v1/push/devices', { method: 'POST', token: session.token, json });
}

describe('the devices API', () => {
  it('registers devices idempotently, several per person, newest first', async () => {
    const phone = await login(proxy.url, 'carol', { client: 'mobile' });
    const first = await register(phone, { platform: 'ios', token: 'c0ffee01', appId: 'com.example.st' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ platform: 'ios', token: 'c0ffee01', appId: 'com.example.st' });
    expect((await register(phone, { platform: 'ios', token: 'c0ffee01' })).status).toBe(201);
    expect((await register(phone, { platform: 'android', token: 'fcm:token-1' })).status).toBe(201);
    expect((await devices(phone)).map((d) => d.token)).toEqual(['fcm:token-1', 'c0ffee01']);
  });

  it('refuses what is not a device token or platform, and callers without a login', async () => {
    const phone = await login(proxy.url, 'dave', { client: 'mobile' });
    for (const body of [
      { platform: 'windows', token: 'abc' },
      { platform: 'ios', token: 'has/slash' },
      { platform: 'ios' },
      { platform: 'ios', token: 'abc', extra: 1 },
    ]) {
      const response = await register(phone, body);
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe('ST_ERR_VALIDATION');
    }
    const anonymous = await request(proxy.url, '/api/v1/push/devices', {
      method: 'POST',
      json: { platform: 'ios', token: 'abc' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('removes only the caller’s own device', async () => {
    const erin = await login(proxy.url, 'erin', { client: 'mobile' });
    const frank = await login(proxy.url, 'frank', { client: 'mobile' });
    await register(erin, { platform: 'ios', token: 'e1' });
    const foreign = await request(proxy.url, '/api/v1/push/devices/e1', {
      method: 'DELETE',
      token: frank.token,
    });
    expect(foreign.status).toBe(204);
    expect((await devices(erin)).map((d) => d.token)).toEqual(['e1']);
    const own = await request(proxy.url, '/api/v1/push/devices/e1', { method: 'DELETE', token: erin.token });
    expect(own.status).toBe(204);
    expect(await devices(erin)).toEqual([]);
  });

  it('moves a token to whoever registers it last, and forgets it when that phone logs out', async () => {
    const grace = await login(proxy.url, 'grace', { client: 'mobile' });
    const heidi = await login(proxy.url, 'heidi', { client: 'mobile' });
    const heidiWeb = await login(proxy.url, 'heidi');
    await register(grace, { platform: 'android', token: 'handed-over' });
    await register(heidi, { platform: 'android', token: 'handed-over' });
    expect(await devices(grace)).toEqual([]);
    expect((await devices(heidiWeb)).map((d) => d.token)).toEqual(['handed-over']);

    const out = await request(proxy.url, '/api/v1/session', { method: 'DELETE', token: heidi.token });
    expect(out.status).toBe(204);
    await waitFor(async () => (await devices(heidiWeb)).length === 0);
  });

  it("answers the app's web view, whose origin is capacitor://localhost on iOS", async () => {
    const preflight = await request(proxy.url, '/api/v1/push/devices', {
      method: 'OPTIONS',
      origin: 'capacitor://localhost',
      headers: {
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('capacitor://localhost');
    const phone = await login(proxy.url, 'ivan', { client: 'mobile' });
    const listed = await request(proxy.url, '/api/v1/push/devices', {
      token: phone.token,
      origin: 'capacitor://localhost',
    });
    expect(listed.status).toBe(200);
    expect(
      loadConfig({ ST_ALLOWED_ORIGINS: 'capacitor://localhost,https://localhost' }).allowedOrigins,
    ).toEqual(['capacitor://localhost', 'https://localhost']);
  });

  it('is in the OpenAPI document', async () => {
    const document = (await (await fetch(`${proxy.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths['/api/v1/push/devices'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/api/v1/push/devices/{token}'] ?? {})).toEqual(['delete']);
  });
});

describe('push settings', () => {
  const env = () => ({ ...rig.env });

  it('start with APNs and FCM when their credentials are good', () => {
    const config = loadConfig(env());
    expect(config.apnsTopic).toBe('com.example.st');
    expect(config.fcmCredentials).toBe(rig.config.fcmCredentials);
  });

  it('need every APNs setting, or none', () => {
    const { ST_APNS_TEAM_ID: _team, ...partial } = env();
    expect(() => loadConfig(partial)).toThrow(ConfigError);
    expect(() => loadConfig(partial)).toThrow(/^ST_APNS_TEAM_ID: set ST_APNS_KEY_FILE, /);
  });

  it('name the setting whose file holds no usable key', () => {
    const notAKey = join(rig.tls.dir, 'not-a-key.p8');
    writeFileSync(notAKey, 'hello');
    expect(() => loadConfig({ ...env(), ST_APNS_KEY_FILE: notAKey })).toThrow(
      /^ST_APNS_KEY_FILE: .* is not an APNs key/,
    );
    // A certificate is not a key.
    expect(() => loadConfig({ ...env(), ST_APNS_KEY_FILE: rig.tls.certFile })).toThrow(/^ST_APNS_KEY_FILE:/);
    expect(() => loadConfig({ ...env(), ST_FCM_CREDENTIALS: notAKey })).toThrow(
      /^ST_FCM_CREDENTIALS: .* is not JSON/,
    );
    expect(() => loadConfig({ ...env(), ST_APNS_URL: 'http://api.push.apple.com' })).toThrow(
      /^ST_APNS_URL: must be https/,
    );
  });
});
