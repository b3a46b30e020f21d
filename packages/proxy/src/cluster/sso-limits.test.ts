/**
 * What hardening keeps behind interfaces, shared by two proxies on one Redis: a single sign-on
 * assertion is used once in the whole cluster, and a limit keyed by person is one bucket however
 * many proxies the person's requests reach.
 */
import { LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsFor, exchange, hmacKey, mint, newSecret } from '../auth/sso-fixtures.ts';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, request } from '../test-support.ts';
import { startRedis, type TestRedis } from '../testing/redis.ts';
import { startTestProxy } from '../testing.ts';

const secret = newSecret();
let redis: TestRedis;
let a: RunningProxy;
let b: RunningProxy;

beforeAll(async () => {
  redis = await startRedis();
  a = await startTestProxy({ redisUrl: redis.url, nodeId: 'a', ssoSecret: secret });
  b = await startTestProxy({ redisUrl: redis.url, nodeId: 'b', ssoSecret: secret });
  // Servers start slowly on a loaded machine (Redis, PostgreSQL, proxies, some as processes).
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await redis?.stop();
});

describe('single sign-on across proxies', () => {
  it('refuses on B an assertion already used on A', async () => {
    const assertion = await mint(hmacKey(secret), claimsFor('alice'));
    expect((await exchange(a.url, assertion)).status).toBe(201);
    const again = await exchange(b.url, assertion);
    expect(again.status).toBe(401);
    expect(await errorCode(again)).toBe('ST_ERR_SSO_REPLAYED');
    // A fresh assertion is fine on B.
    expect((await exchange(b.url, await mint(hmacKey(secret), claimsFor('alice')))).status).toBe(201);
  });
});

describe('limits across proxies', () => {
  it('spends one budget per person whichever proxy the requests reach', async () => {
    const onA = await login(a.url, 'dave');
    const onB = await login(b.url, 'dave');
    const set = (base: string, token: string, n: number) =>
      request(base, '/api/v1/me/status', {
        method: 'PUT',
        token,
        json: { status: n % 2 === 0 ? 'away' : 'available' },
      });
    // Alternating proxies: two buckets of their own would let 2 × burst through before the
    // first refusal; one shared bucket lets the burst through (plus what refills meanwhile).
    let accepted = 0;
    for (let n = 0; n < 2 * LIMITS.statusChangeBurst; n++) {
      const answer = await (n % 2 === 0 ? set(a.url, onA.token, n) : set(b.url, onB.token, n));
      if (answer.status === 429) {
        expect(await errorCode(answer)).toBe('ST_ERR_RATE_LIMITED');
        break;
      }
      expect(answer.status).toBe(204);
      accepted++;
    }
    expect(accepted).toBeGreaterThanOrEqual(LIMITS.statusChangeBurst);
    expect(accepted).toBeLessThan(1.5 * LIMITS.statusChangeBurst);
  });
});
