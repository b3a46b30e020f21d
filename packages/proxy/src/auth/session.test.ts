import { LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../server.ts';
import { errorCode, login, presenceOf, request, TestSocket, waitFor } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

let proxy: RunningProxy;
beforeAll(async () => {
  proxy = await startTestProxy();
});
afterAll(() => proxy.close());

describe('POST /api/v1/session', () => {
  it('logs in with the demo password and sets an HttpOnly, SameSite=Lax cookie', async () => {
    const response = await request(proxy.url, '/api/v1/session', {
      method: 'POST',
      json: { userId: 'alice', password: 'demo' },
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.user).toEqual({ id: 'alice', displayName: 'Alice Andersson' });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`st_session=${body.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    for (const json of [
      { userId: 'bob', password: 'nope' },
      { userId: 'nobody-here', password: 'demo' },
    ]) {
      const response = await request(proxy.url, '/api/v1/session', { method: 'POST', json });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: 'ST_ERR_BAD_CREDENTIALS', message: 'The user id or password is wrong.' },
      });
    }
  });

  it('refuses single sign-on while none is configured', async () => {
    const response = await request(proxy.url, '/api/v1/session', {
      method: 'POST',
      json: { assertion: 'x.y.z' },
    });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('ST_ERR_SSO_NOT_CONFIGURED');
  });
});

describe('login rate limit', () => {
  it('answers 429 with Retry-After after too many failures for one user id, even with the right password', async () => {
    const limited = await startTestProxy();
    try {
      for (let i = 0; i < LIMITS.loginAttempts; i++) {
        const r = await request(limited.url, '/api/v1/session', {
          method: 'POST',
          json: { userId: 'carol', password: `guess-${i}` },
        });
        expect(r.status).toBe(401);
      }
      const blocked = await request(limited.url, '/api/v1/session', {
        method: 'POST',
        json: { userId: 'carol', password: 'demo' },
      });
      expect(blocked.status).toBe(429);
      expect(await errorCode(blocked)).toBe('ST_ERR_RATE_LIMITED');
      const retryAfter = Number(blocked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LIMITS.loginWindowSeconds);
      // The address has a budget of its own, far larger: other people behind it still log in.
      const other = await request(limited.url, '/api/v1/session', {
        method: 'POST',
        json: { userId: 'dave', password: 'demo' },
      });
      expect(other.status).toBe(201);
      const metrics = await (await request(limited.url, '/metrics')).text();
      expect(metrics).toMatch(/st_logins_total\{result="rate_limited"\} [1-9]/);
    } finally {
      await limited.close();
    }
  });
});

describe('credentials', () => {
  it('accepts a Bearer token and a cookie, and refuses unknown ones with 401', async () => {
    const bob = await login(proxy.url, 'bob');
    const byBearer = await request(proxy.url, '/api/v1/session', { token: bob.token });
    expect(byBearer.status).toBe(200);
    expect((await byBearer.json()).user.id).toBe('bob');
    const byCookie = await request(proxy.url, '/api/v1/session', { cookie: bob.cookie });
    expect(byCookie.status).toBe(200);
    expect((await byCookie.json()).csrfToken).toBe(bob.csrfToken);

    for (const options of [{ token: 'not-a-token' }, { cookie: 'st_session=not-a-token' }, {}]) {
      const response = await request(proxy.url, '/api/v1/session', options);
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('ST_ERR_UNAUTHENTICATED');
    }
    const malformed = await request(proxy.url, '/api/v1/session', {
      headers: { authorization: 'Basic Ym9iOmRlbW8=' },
    });
    expect(malformed.status).toBe(401);
  });

  it('needs the CSRF header for cookie calls that change state, and not for Bearer calls', async () => {
    const dave = await login(proxy.url, 'dave');
    const status = { status: 'away' };
    const withoutCsrf = await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      cookie: dave.cookie,
      json: status,
    });
    expect(withoutCsrf.status).toBe(403);
    expect(await errorCode(withoutCsrf)).toBe('ST_ERR_CSRF');
    const wrongCsrf = await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      cookie: dave.cookie,
      csrf: 'wrong',
      json: status,
    });
    expect(wrongCsrf.status).toBe(403);
    const withCsrf = await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      cookie: dave.cookie,
      csrf: dave.csrfToken,
      json: status,
    });
    expect(withCsrf.status).toBe(204);
    const bearer = await request(proxy.url, '/api/v1/me/status', {
      method: 'PUT',
      token: dave.token,
      json: status,
    });
    expect(bearer.status).toBe(204);
    // Reads need no CSRF header.
    expect((await request(proxy.url, '/api/v1/me/contacts', { cookie: dave.cookie })).status).toBe(200);
  });

  it('slides the expiry on use', async () => {
    const erin = await login(proxy.url, 'erin');
    const first = (await (await request(proxy.url, '/api/v1/session', { token: erin.token })).json())
      .expiresAt;
    await waitFor(async () => {
      const later = (await (await request(proxy.url, '/api/v1/session', { token: erin.token })).json())
        .expiresAt;
      return Date.parse(later) > Date.parse(first);
    });
  });
});

describe('DELETE /api/v1/session', () => {
  it('logs out: the token stops working, streams close with 1000 and the person goes offline', async () => {
    const frank = await login(proxy.url, 'frank');
    const watcher = await login(proxy.url, 'grace');
    const socket = TestSocket.open(proxy.url, { token: frank.token });
    await socket.presence('frank', 'available');
    const watching = TestSocket.open(proxy.url, { token: watcher.token });
    await watching.hello();
    watching.send({ type: 'watch', id: 1, add: ['frank'] });
    await watching.presence('frank', 'available');

    const out = await request(proxy.url, '/api/v1/session', { method: 'DELETE', token: frank.token });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/st_session=;/);
    expect((await socket.closed).code).toBe(1000);
    await watching.presence('frank', 'offline');
    expect((await request(proxy.url, '/api/v1/session', { token: frank.token })).status).toBe(401);
    // Logging out again is harmless.
    expect(
      (await request(proxy.url, '/api/v1/session', { method: 'DELETE', token: frank.token })).status,
    ).toBe(204);
    await watching.close();
  });

  it('needs the CSRF header with the cookie', async () => {
    const heidi = await login(proxy.url, 'heidi');
    const refused = await request(proxy.url, '/api/v1/session', { method: 'DELETE', cookie: heidi.cookie });
    expect(refused.status).toBe(403);
    expect((await request(proxy.url, '/api/v1/session', { token: heidi.token })).status).toBe(200);
    const done = await request(proxy.url, '/api/v1/session', {
      method: 'DELETE',
      cookie: heidi.cookie,
      csrf: heidi.csrfToken,
    });
    expect(done.status).toBe(204);
    expect((await presenceOf(proxy.url, await login(proxy.url, 'ivan'), ['heidi']))[0]?.status).toBe(
      'offline',
    );
  });
});

describe('expiry', () => {
  it('refuses an expired token with 401 over HTTP and 4401 over WebSocket', async () => {
    const short = await startTestProxy({ sessionTtlSeconds: 1 });
    try {
      const judy = await login(short.url, 'judy');
      expect((await request(short.url, '/api/v1/session', { token: judy.token })).status).toBe(200);
      // Wait without using the token (each use would extend it).
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const response = await request(short.url, '/api/v1/session', { token: judy.token });
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('ST_ERR_UNAUTHENTICATED');
      const socket = TestSocket.open(short.url, { token: judy.token });
      expect((await socket.closed).code).toBe(4401);
    } finally {
      await short.close();
    }
  });
});
