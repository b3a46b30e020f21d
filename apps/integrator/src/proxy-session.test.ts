/**
 * The intranet's server signing its viewers in to a real proxy with single sign-on assertions,
 * and falling back to anonymous awareness when it cannot.
 */
import { randomBytes } from 'node:crypto';
import { startTestProxy } from '@st/proxy/testing';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintAssertion } from './assertion.ts';
import { DEFAULT_PEOPLE_FILE, type IntegratorConfig } from './config.ts';
import { ProxySessions } from './proxy-session.ts';

const secret = randomBytes(48).toString('base64url');
let proxy: Awaited<ReturnType<typeof startTestProxy>>;

beforeAll(async () => {
  proxy = await startTestProxy({
    directory: DEFAULT_PEOPLE_FILE,
    ssoSecret: secret,
    anonymousAwareness: true,
  });
});
afterAll(async () => {
  await proxy?.close();
});

function config(overrides: Partial<IntegratorConfig> = {}): IntegratorConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    proxyUrl: proxy.url,
    ssoSecret: secret,
    ssoAudience: undefined,
    ssoIssuer: undefined,
    peopleFile: DEFAULT_PEOPLE_FILE,
    ...overrides,
  };
}

describe('mintAssertion', () => {
  it('signs a short-lived HS256 assertion for the person, with a fresh jti each time', async () => {
    const key = new TextEncoder().encode(secret);
    const first = await mintAssertion('sven', { secret, audience: 'st-proxy', issuer: 'https://intranet' });
    const { payload, protectedHeader } = await jwtVerify(first, key, {
      audience: 'st-proxy',
      issuer: 'https://intranet',
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload.sub).toBe('sven');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
    const second = await jwtVerify(await mintAssertion('sven', { secret }), key);
    expect(second.payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.payload.jti).not.toBe(payload.jti);
  });
});

describe('ProxySessions', () => {
  it('exchanges an assertion for a login, and keeps using it while the proxy accepts it', async () => {
    const sessions = new ProxySessions(config());
    const first = await sessions.forViewer('tara');
    expect(first).toMatchObject({ kind: 'token', user: { id: 'tara', displayName: 'Tara Tan' } });
    const again = await sessions.forViewer('tara');
    expect(again).toEqual(first);

    await sessions.signOut('tara');
    if (first.kind !== 'token') throw new Error('no token');
    const gone = await fetch(`${proxy.url}/api/v1/session`, {
      headers: { authorization: `Bearer ${first.token}` },
    });
    expect(gone.status).toBe(401);
  });

  it('falls back to anonymous, saying why, without a viewer, a secret or the proxy agreeing', async () => {
    expect(await new ProxySessions(config()).forViewer(undefined)).toEqual({
      kind: 'anonymous',
      why: 'You are not signed in to the intranet',
    });
    expect(await new ProxySessions(config({ ssoSecret: undefined })).forViewer('tara')).toMatchObject({
      kind: 'anonymous',
      why: expect.stringContaining('ST_SSO_SECRET'),
    });
    const unknown = await new ProxySessions(config()).forViewer('mallory');
    expect(unknown).toMatchObject({ kind: 'anonymous', why: expect.stringMatching(/refused.*ST_ERR_/) });
    const wrongKey = randomBytes(48).toString('base64url');
    const refused = await new ProxySessions(config({ ssoSecret: wrongKey })).forViewer('tara');
    expect(refused).toMatchObject({ kind: 'anonymous', why: expect.stringMatching(/refused.*ST_ERR_/) });
  });
});
