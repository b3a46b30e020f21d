import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from './server.ts';
import { errorCode, login, request, type TestSession, TestSocket } from './test-support.ts';
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

describe('origins for cookie, Bearer and anonymous callers alike', () => {
  let open: RunningProxy;
  let carol: TestSession;
  beforeAll(async () => {
    open = await startTestProxy({ allowedOrigins: [ALLOWED], anonymousAwareness: true });
    carol = await login(open.url, 'carol');
  });
  afterAll(() => open.close());

  const callers = (): [string, { token?: string; cookie?: string }][] => [
    ['cookie', { cookie: carol.cookie }],
    ['bearer', { token: carol.token }],
    ['anonymous', {}],
  ];

  it('closes the WebSocket of a refused origin with 4403 before any event', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://intranet.example']) {
      for (const [who, credentials] of callers()) {
        const socket = TestSocket.open(open.url, { ...credentials, origin });
        const closed = await socket.closed;
        expect({ who, origin, code: closed.code, frames: socket.frames }).toEqual({
          who,
          origin,
          code: 4403,
          frames: [],
        });
      }
    }
  });

  it('opens the WebSocket of a listed origin and of the proxy itself', async () => {
    for (const origin of [ALLOWED, open.url]) {
      for (const [who, credentials] of callers()) {
        const socket = TestSocket.open(open.url, { ...credentials, origin });
        const hello = await socket.hello();
        expect({ who, origin, userId: hello.userId }).toEqual({
          who,
          origin,
          userId: who === 'anonymous' ? '' : 'carol',
        });
        await socket.close();
      }
    }
  });

  it('gives a refused origin no CORS permission for any call, preflight included', async () => {
    for (const [path, method] of [
      ['/api/v1/session', 'POST'],
      ['/api/v1/presence?users=bob', 'GET'],
      ['/api/v1/events', 'GET'],
      ['/api/v1/watch', 'POST'],
    ] as const) {
      const preflight = await fetch(`${open.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect({ path, status: preflight.status }).toEqual({ path, status: 403 });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    }
    for (const [who, credentials] of callers()) {
      for (const path of ['/api/v1/presence?users=bob', '/api/v1/users/bob', '/api/v1/events']) {
        const call = await request(open.url, path, { ...credentials, origin: 'https://evil.example' });
        expect({ who, path, status: call.status, code: await errorCode(call) }).toEqual({
          who,
          path,
          status: 403,
          code: 'ST_ERR_ORIGIN_NOT_ALLOWED',
        });
        expect(call.headers.get('access-control-allow-origin')).toBeNull();
      }
    }
  });

  it('lets a listed origin log in with an assertion and read anonymously, with CORS headers', async () => {
    const preflight = await fetch(`${open.url}/api/v1/session`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    for (const [who, credentials] of callers()) {
      const call = await request(open.url, '/api/v1/presence?users=bob', { ...credentials, origin: ALLOWED });
      expect({ who, status: call.status }).toEqual({ who, status: 200 });
      expect(call.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(call.headers.get('access-control-allow-credentials')).toBe('true');
    }
  });
});
