import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from './server.ts';
import { errorCode, login, request, type TestSession } from './test-support.ts';
import { startTestProxy } from './testing.ts';

const ALLOWED = 'https://intranet.example';
let proxy: RunningProxy;
let bob: TestSession;
beforeAll(async () => {
  proxy = await startTestProxy({ allowedOrigins: [ALLOWED] });
  bob = await login(proxy.url, 'bob');
});
afterAll(() => proxy.close());

describe('CORS', () => {
  it('answers a preflight from an allowed origin with credentials and the CSRF header', async () => {
    const response = await fetch(`${proxy.url}/api/v1/me/status`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type,x-st-csrf',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-st-csrf');
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('adds CORS headers to calls from an allowed origin', async () => {
    const response = await request(proxy.url, '/api/v1/presence?users=bob', {
      token: bob.token,
      origin: ALLOWED,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-expose-headers')).toContain('retry-after');
  });

  it('refuses other origins without CORS headers, preflight included', async () => {
    const preflight = await fetch(`${proxy.url}/api/v1/me/status`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    for (const origin of ['https://evil.example', 'null', 'http://intranet.example']) {
      const call = await request(proxy.url, '/api/v1/presence?users=bob', { cookie: bob.cookie, origin });
      expect(call.status).toBe(403);
      expect(await errorCode(call)).toBe('ST_ERR_ORIGIN_NOT_ALLOWED');
      expect(call.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it("accepts the proxy's own origin without CORS headers", async () => {
    const response = await request(proxy.url, '/api/v1/presence?users=bob', {
      token: bob.token,
      origin: proxy.url,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
