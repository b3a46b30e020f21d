import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { errorCode } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';
import { SsoVerifier } from './sso.ts';
import { SsoKeysUnavailableError } from './sso-errors.ts';
import {
  claimsFor,
  exchange,
  hmacKey,
  JwksServer,
  mint,
  mintWith,
  newKeyPair,
  newSecret,
  type PublishedKey,
  TEST_AUDIENCE,
} from './sso-fixtures.ts';

let jwks: JwksServer;
let proxy: RunningProxy;
let rsa: PublishedKey;
let ec: PublishedKey;
beforeAll(async () => {
  jwks = await JwksServer.start();
  [rsa, ec] = await Promise.all([newKeyPair('rsa-1', 'RS256'), newKeyPair('ec-1', 'ES256')]);
  jwks.publish(rsa, ec);
  // No cooldown, so a rotation is picked up by the very next assertion naming the new key.
  proxy = await startTestProxy({
    ssoJwksUrl: jwks.url,
    ssoAudience: TEST_AUDIENCE,
    ssoJwksCooldownSeconds: 0,
  });
});
afterAll(async () => {
  await proxy.close();
  await jwks.close();
});

async function codeOf(assertion: string, base = proxy.url): Promise<string> {
  const response = await exchange(base, assertion);
  expect(response.status).toBe(401);
  return errorCode(response);
}

describe('single sign-on with a JWKS', () => {
  it('accepts RS256 and ES256 assertions signed by published keys, fetching the set once', async () => {
    for (const key of [rsa, ec, rsa]) {
      const response = await exchange(proxy.url, await mintWith(key, claimsFor('dave')));
      expect(response.status).toBe(201);
      expect((await response.json()).user.id).toBe('dave');
    }
    expect(jwks.fetches).toBe(1);
  });

  it('refuses HS256 when only a JWKS is trusted, even keyed with a published public key', async () => {
    const publicKeyAsSecret = new TextEncoder().encode(JSON.stringify(rsa.publicJwk));
    expect(
      await codeOf(await mint(publicKeyAsSecret, claimsFor('dave'), { alg: 'HS256', kid: 'rsa-1' })),
    ).toBe('ST_ERR_SSO_ALGORITHM');
    expect(await codeOf(await mint(hmacKey(newSecret()), claimsFor('dave')))).toBe('ST_ERR_SSO_ALGORITHM');
  });

  it('refuses a signature by a key that is not the published one', async () => {
    const impostor = await newKeyPair('rsa-1', 'RS256');
    expect(await codeOf(await mintWith(impostor, claimsFor('dave')))).toBe('ST_ERR_SSO_SIGNATURE');
  });

  it('fetches the set again for an unknown kid, so rotated keys work and retired ones stop', async () => {
    const before = jwks.fetches;
    const next = await newKeyPair('rsa-2', 'RS256');
    // Not published yet: the proxy looks again, still finds no such key, and refuses.
    expect(await codeOf(await mintWith(next, claimsFor('erin')))).toBe('ST_ERR_SSO_SIGNATURE');
    expect(jwks.fetches).toBe(before + 1);

    jwks.publish(next, ec);
    const rotated = await exchange(proxy.url, await mintWith(next, claimsFor('erin')));
    expect(rotated.status).toBe(201);
    expect(jwks.fetches).toBe(before + 2);
    // The retired key is gone from the set the proxy now holds.
    expect(await codeOf(await mintWith(rsa, claimsFor('erin')))).toBe('ST_ERR_SSO_SIGNATURE');
  });

  it('applies the same claim checks as with a secret', async () => {
    expect(await codeOf(await mintWith(ec, claimsFor('nobody-here')))).toBe('ST_ERR_SSO_UNKNOWN_USER');
    const now = Math.floor(Date.now() / 1000);
    expect(await codeOf(await mintWith(ec, claimsFor('dave', { iat: now - 600, exp: now - 300 })))).toBe(
      'ST_ERR_SSO_EXPIRED',
    );
  });
});

describe('a JWKS that cannot be fetched', () => {
  it('answers 503 ST_ERR_SSO_KEYS_UNAVAILABLE when the endpoint fails or nothing listens', async () => {
    const failing = await JwksServer.start();
    failing.mode = 'error';
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    for (const url of [failing.url, `http://127.0.0.1:${closedPort}/jwks.json`]) {
      const broken = await startTestProxy({ ssoJwksUrl: url, ssoAudience: TEST_AUDIENCE });
      try {
        const response = await exchange(broken.url, await mintWith(rsa, claimsFor('dave')));
        expect(response.status).toBe(503);
        expect(await errorCode(response)).toBe('ST_ERR_SSO_KEYS_UNAVAILABLE');
      } finally {
        await broken.close();
      }
    }
    await failing.close();
  });

  it('gives up on a JWKS endpoint that does not answer', async () => {
    const silent = await JwksServer.start();
    silent.mode = 'hang';
    try {
      const verifier = new SsoVerifier({
        jwksUrl: silent.url,
        audience: TEST_AUDIENCE,
        maxAgeSeconds: 300,
        clockSkewSeconds: 30,
        requireJti: false,
        jwksCooldownSeconds: 30,
        jwksTimeoutMs: 100,
      });
      await expect(verifier.verify(await mintWith(rsa, claimsFor('dave')))).rejects.toBeInstanceOf(
        SsoKeysUnavailableError,
      );
      expect(silent.fetches).toBe(1);
    } finally {
      await silent.close();
    }
  });
});

describe('a secret and a JWKS together', () => {
  it('accepts HS256 with the secret and RS256 from the set', async () => {
    const secret = newSecret();
    const both = await startTestProxy({
      ssoSecret: secret,
      ssoJwksUrl: jwks.url,
      ssoAudience: TEST_AUDIENCE,
    });
    try {
      jwks.publish(rsa);
      expect((await exchange(both.url, await mint(hmacKey(secret), claimsFor('frank')))).status).toBe(201);
      expect((await exchange(both.url, await mintWith(rsa, claimsFor('frank')))).status).toBe(201);
      expect(await codeOf(await mint(hmacKey(newSecret()), claimsFor('frank')), both.url)).toBe(
        'ST_ERR_SSO_SIGNATURE',
      );
    } finally {
      await both.close();
    }
  });
});

describe('a JWKS without an audience', () => {
  it('refuses to start: an ID token minted for another application must not log people in here', async () => {
    const jwks = await JwksServer.start();
    try {
      await expect(startTestProxy({ ssoJwksUrl: jwks.url })).rejects.toThrow(/ST_SSO_AUDIENCE/);
    } finally {
      await jwks.close();
    }
  });
});
