import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.ts';
import type { RunningProxy } from '../server.ts';
import { presenceOf, request } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';
import {
  claimsFor,
  exchange,
  hmacKey,
  mint,
  newKeyPair,
  newSecret,
  nowSeconds,
  unsignedToken,
} from './sso-fixtures.ts';

const secret = newSecret();
const key = hmacKey(secret);
let proxy: RunningProxy;
beforeAll(async () => {
  proxy = await startTestProxy({ ssoSecret: secret });
});
afterAll(() => proxy.close());

/** Posts `assertion` and expects a 401 with `code`. */
async function refused(assertion: string, code: string, base = proxy.url): Promise<void> {
  const response = await exchange(base, assertion);
  const body = await response.json();
  expect({ status: response.status, code: body.error?.code }).toEqual({ status: 401, code });
  expect(response.headers.get('set-cookie')).toBeNull();
}

describe('single sign-on with an HS256 secret', () => {
  it('exchanges a good assertion for a normal login: token, cookie and session', async () => {
    const response = await exchange(proxy.url, await mint(key, claimsFor('alice')));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.user).toEqual({ id: 'alice', displayName: 'Alice Andersson' });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers.get('set-cookie')).toContain(`st_session=${body.token}`);
    const session = await request(proxy.url, '/api/v1/session', { token: body.token });
    expect(session.status).toBe(200);
    expect((await session.json()).user.id).toBe('alice');
  });

  it('honours client: mobile', async () => {
    const response = await exchange(proxy.url, await mint(key, claimsFor('kenji')), 'mobile');
    expect(response.status).toBe(201);
    const { token } = await response.json();
    const [kenji] = await presenceOf(proxy.url, { userId: 'kenji', token, csrfToken: '', cookie: '' }, [
      'kenji',
    ]);
    expect(kenji).toMatchObject({ status: 'available', mobile: true });
  });

  it('refuses alg none, other algorithms and other keys', async () => {
    await refused(unsignedToken(claimsFor('alice')), 'ST_ERR_SSO_ALGORITHM');
    const rsa = await newKeyPair('k1', 'RS256');
    await refused(await mint(rsa.privateKey, claimsFor('alice'), { alg: 'RS256' }), 'ST_ERR_SSO_ALGORITHM');
    await refused(await mint(hmacKey(newSecret()), claimsFor('alice')), 'ST_ERR_SSO_SIGNATURE');
    await refused(await mint(key, claimsFor('alice'), { alg: 'HS512' }), 'ST_ERR_SSO_ALGORITHM');
    // A good signature over a changed payload.
    const [header, , signature] = (await mint(key, claimsFor('alice'))).split('.');
    const forged = Buffer.from(JSON.stringify(claimsFor('bob'))).toString('base64url');
    await refused(`${header}.${forged}.${signature}`, 'ST_ERR_SSO_SIGNATURE');
  });

  it('refuses what is not a JWT', async () => {
    for (const junk of ['x.y.z', 'not-a-jwt', 'a.b', `${'e'.repeat(40)}..`]) {
      await refused(junk, 'ST_ERR_SSO_MALFORMED');
    }
  });

  it('requires sub, exp and iat', async () => {
    for (const missing of ['sub', 'exp', 'iat']) {
      const response = await exchange(
        proxy.url,
        await mint(key, claimsFor('alice', { [missing]: undefined })),
      );
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(body.error.code).toBe('ST_ERR_SSO_MISSING_CLAIM');
      expect(body.error.message).toContain(`"${missing}"`);
    }
  });

  it('refuses expired assertions, and ones older than the maximum age whatever their exp', async () => {
    const now = nowSeconds();
    await refused(
      await mint(key, claimsFor('alice', { iat: now - 120, exp: now - 60 })),
      'ST_ERR_SSO_EXPIRED',
    );
    await refused(
      await mint(key, claimsFor('alice', { iat: now - 3600, exp: now + 3600 })),
      'ST_ERR_SSO_TOO_OLD',
    );
  });

  it('refuses assertions issued in the future beyond the clock skew, and accepts a little skew', async () => {
    const now = nowSeconds();
    await refused(
      await mint(key, claimsFor('alice', { iat: now + 600, exp: now + 660 })),
      'ST_ERR_SSO_NOT_YET_VALID',
    );
    await refused(
      await mint(key, claimsFor('alice', { nbf: now + 600, exp: now + 660 })),
      'ST_ERR_SSO_NOT_YET_VALID',
    );
    const skewed = await exchange(proxy.url, await mint(key, claimsFor('alice', { iat: now + 10 })));
    expect(skewed.status).toBe(201);
  });

  it('refuses people the directory does not know, and subs that are no user id', async () => {
    await refused(await mint(key, claimsFor('nobody-here')), 'ST_ERR_SSO_UNKNOWN_USER');
    await refused(await mint(key, claimsFor('alice bob')), 'ST_ERR_SSO_UNKNOWN_USER');
    await refused(
      await mint(key, { ...claimsFor('alice'), sub: 42 as unknown as string }),
      'ST_ERR_SSO_UNKNOWN_USER',
    );
  });

  it('accepts an assertion with a jti once', async () => {
    const assertion = await mint(key, claimsFor('bob', { jti: 'once-1' }));
    expect((await exchange(proxy.url, assertion)).status).toBe(201);
    await refused(assertion, 'ST_ERR_SSO_REPLAYED');
  });

  it('refuses an assertion without a jti by default, so none can be used twice', async () => {
    const reusable = await mint(key, claimsFor('bob', { jti: undefined }));
    await refused(reusable, 'ST_ERR_SSO_MISSING_CLAIM');
    await refused(reusable, 'ST_ERR_SSO_MISSING_CLAIM');
  });

  it('accepts one without a jti within its lifetime only where ST_SSO_REQUIRE_JTI=false says so', async () => {
    const lax = await startTestProxy({ ssoSecret: secret, ssoRequireJti: false });
    try {
      const reusable = await mint(key, claimsFor('bob', { jti: undefined }));
      expect((await exchange(lax.url, reusable)).status).toBe(201);
      expect((await exchange(lax.url, reusable)).status).toBe(201);
    } finally {
      await lax.close();
    }
  });

  it('documents the single sign-on codes in the OpenAPI document', async () => {
    const document = await (await request(proxy.url, '/api/v1/openapi.json')).json();
    const codes = document.paths['/api/v1/session'].post.responses['401']['x-st-error-codes'];
    expect(codes).toEqual(expect.arrayContaining(['ST_ERR_SSO_SIGNATURE', 'ST_ERR_SSO_EXPIRED']));
  });
});

describe('single sign-on with audience, issuer and required jti', () => {
  let strict: RunningProxy;
  beforeAll(async () => {
    strict = await startTestProxy({
      ssoSecret: secret,
      ssoAudience: 'st-proxy',
      ssoIssuer: 'https://intranet.example',
      ssoRequireJti: true,
    });
  });
  afterAll(() => strict.close());

  const good = { aud: 'st-proxy', iss: 'https://intranet.example' };

  it('accepts the right audience and issuer with a jti', async () => {
    const response = await exchange(strict.url, await mint(key, claimsFor('carol', { ...good, jti: 'a1' })));
    expect(response.status).toBe(201);
  });

  it('refuses a wrong or missing audience, a wrong issuer and a missing jti', async () => {
    const claims = (extra: object) => claimsFor('carol', { ...good, jti: crypto.randomUUID(), ...extra });
    await refused(await mint(key, claims({ aud: 'someone-else' })), 'ST_ERR_SSO_AUDIENCE', strict.url);
    await refused(await mint(key, claims({ aud: undefined })), 'ST_ERR_SSO_MISSING_CLAIM', strict.url);
    await refused(await mint(key, claims({ iss: 'https://evil.example' })), 'ST_ERR_SSO_ISSUER', strict.url);
    await refused(await mint(key, claims({ jti: undefined })), 'ST_ERR_SSO_MISSING_CLAIM', strict.url);
  });
});

describe('single sign-on without trust configured', () => {
  it('refuses every assertion with ST_ERR_SSO_NOT_CONFIGURED', async () => {
    const bare = await startTestProxy();
    try {
      await refused(await mint(key, claimsFor('alice')), 'ST_ERR_SSO_NOT_CONFIGURED', bare.url);
    } finally {
      await bare.close();
    }
  });

  it('stops start-up when the secret is too short for HS256, without printing it', async () => {
    const weak = 'short-secret-value';
    const started = startTestProxy({ ssoSecret: weak });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    const message = await started.then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message).toMatch(/^ST_SSO_SECRET: must be at least 32 bytes/);
    expect(message).not.toContain(weak);
  });
});
