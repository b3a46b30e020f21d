import { ERRORS, LIMITS } from '@st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from './server.ts';
import { login, request, type TestSession } from './test-support.ts';
import { startTestProxy } from './testing.ts';

let proxy: RunningProxy;
let alice: TestSession;
beforeAll(async () => {
  proxy = await startTestProxy({ allowedOrigins: ['https://intranet.example'] });
  alice = await login(proxy.url, 'alice');
});
afterAll(() => proxy.close());

/** Every error answer has the catalogue's shape, code and status. */
async function expectError(response: Response, code: keyof typeof ERRORS): Promise<Record<string, unknown>> {
  expect(response.status).toBe(ERRORS[code].status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await response.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(Object.keys(body)).toEqual(['error']);
  return body.error;
}

const postSession = (init: RequestInit) => fetch(`${proxy.url}/api/v1/session`, { method: 'POST', ...init });

describe('error answers', () => {
  it('malformed JSON, an empty JSON body and prototype pollution are ST_ERR_MALFORMED_JSON', async () => {
    for (const body of ['{"userId":', '', '{"__proto__":{"x":1},"userId":"a","password":"b"}']) {
      await expectError(
        await postSession({ headers: { 'content-type': 'application/json' }, body }),
        'ST_ERR_MALFORMED_JSON',
      );
    }
  });

  it('a body over the limit is ST_ERR_BODY_TOO_LARGE', async () => {
    const body = JSON.stringify({ userId: 'alice', password: 'x'.repeat(LIMITS.bodyBytes) });
    await expectError(
      await postSession({ headers: { 'content-type': 'application/json' }, body }),
      'ST_ERR_BODY_TOO_LARGE',
    );
  });

  it('a body that is not JSON is 415', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      await expectError(
        await postSession({ headers: { 'content-type': type }, body: 'userId=alice' }),
        'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
      );
    }
    await expectError(await postSession({ body: 'userId=alice' }), 'ST_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown fields, missing fields and wrong types are ST_ERR_VALIDATION with details', async () => {
    const unknown = await expectError(
      await request(proxy.url, '/api/v1/session', {
        method: 'POST',
        json: { userId: 'alice', password: 'demo', remember: true },
      }),
      'ST_ERR_VALIDATION',
    );
    expect(unknown.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^body/) })]),
    );
    await expectError(
      await request(proxy.url, '/api/v1/session', { method: 'POST', json: {} }),
      'ST_ERR_VALIDATION',
    );
    await expectError(
      await request(proxy.url, '/api/v1/session', { method: 'POST', json: [1] }),
      'ST_ERR_VALIDATION',
    );
    await expectError(
      await request(proxy.url, '/api/v1/session', { method: 'POST', json: null }),
      'ST_ERR_VALIDATION',
    );
    await expectError(await postSession({}), 'ST_ERR_VALIDATION');
    const status = await expectError(
      await request(proxy.url, '/api/v1/me/status', {
        method: 'PUT',
        token: alice.token,
        json: { status: 'away', mood: 1 },
      }),
      'ST_ERR_VALIDATION',
    );
    expect(JSON.stringify(status.details)).toContain('mood');
  });

  it('bad user ids are ST_ERR_VALIDATION; unknown people are ST_ERR_USER_NOT_FOUND', async () => {
    for (const id of ['a%20b', 'a,b', 'x'.repeat(LIMITS.userIdLength + 1), '%01']) {
      await expectError(
        await request(proxy.url, `/api/v1/users/${id}`, { token: alice.token }),
        'ST_ERR_VALIDATION',
      );
    }
    await expectError(
      await request(proxy.url, '/api/v1/users/nobody', { token: alice.token }),
      'ST_ERR_USER_NOT_FOUND',
    );
    await expectError(
      await request(proxy.url, '/api/v1/users/nobody/photo', { token: alice.token }),
      'ST_ERR_USER_NOT_FOUND',
    );
  });

  it('too many ids in a watch request is ST_ERR_TOO_MANY_IDS', async () => {
    const add = Array.from({ length: LIMITS.watchIdsPerMessage + 1 }, (_, i) => `u${i}`);
    await expectError(
      await request(proxy.url, '/api/v1/watch', {
        method: 'POST',
        token: alice.token,
        json: { stream: 's', add },
      }),
      'ST_ERR_TOO_MANY_IDS',
    );
    const ids = add.join(',');
    await expectError(
      await request(proxy.url, `/api/v1/users?ids=${ids}`, { token: alice.token }),
      'ST_ERR_TOO_MANY_IDS',
    );
  });

  it('unknown routes are a JSON 404, known paths with another method a 405 with Allow', async () => {
    for (const path of ['/api/v1/nothing', '/api/v2/presence', '/api/v1/users/bob/nothing']) {
      await expectError(await request(proxy.url, path, { token: alice.token }), 'ST_ERR_NOT_FOUND');
    }
    const notAllowed = await request(proxy.url, '/api/v1/presence?users=bob', {
      method: 'DELETE',
      token: alice.token,
    });
    await expectError(notAllowed, 'ST_ERR_METHOD_NOT_ALLOWED');
    expect(notAllowed.headers.get('allow')).toContain('GET');
    const session = await request(proxy.url, '/api/v1/session', { method: 'PUT', json: {} });
    await expectError(session, 'ST_ERR_METHOD_NOT_ALLOWED');
    expect(session.headers.get('allow')).toBe('DELETE, GET, HEAD, POST');
    const photo = await request(proxy.url, '/api/v1/users/bob/photo', { method: 'POST', json: {} });
    await expectError(photo, 'ST_ERR_METHOD_NOT_ALLOWED');
    // A HEAD must not open an event stream.
    const head = await request(proxy.url, '/api/v1/poll', { method: 'HEAD', token: alice.token });
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('GET');
  });

  it('missing credentials are ST_ERR_UNAUTHENTICATED, a plain GET of the WebSocket URL a 400', async () => {
    for (const path of [
      '/api/v1/me/contacts',
      '/api/v1/directory?q=al',
      '/api/v1/users/bob',
      '/api/v1/session',
    ]) {
      await expectError(await request(proxy.url, path), 'ST_ERR_UNAUTHENTICATED');
    }
    await expectError(await request(proxy.url, '/api/v1/ws', { token: alice.token }), 'ST_ERR_VALIDATION');
  });

  it('a disallowed Origin is ST_ERR_ORIGIN_NOT_ALLOWED', async () => {
    const response = await request(proxy.url, '/api/v1/presence?users=bob', {
      token: alice.token,
      origin: 'https://evil.example',
    });
    await expectError(response, 'ST_ERR_ORIGIN_NOT_ALLOWED');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a badly encoded URL is a 400, not a crash', async () => {
    await expectError(
      await request(proxy.url, '/api/v1/users/%E0%A4%A', { token: alice.token }),
      'ST_ERR_VALIDATION',
    );
  });

  it('counts error answers by code in the metrics', async () => {
    await request(proxy.url, '/api/v1/nothing');
    const text = await (await request(proxy.url, '/metrics')).text();
    expect(text).toMatch(/st_errors_total\{code="ST_ERR_NOT_FOUND"\} [1-9]/);
  });
});
