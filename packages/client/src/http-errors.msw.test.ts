/**
 * Server failures the real proxy cannot be made to produce on demand (a gateway's 5xx page, a
 * dropped connection, a body that is not what the API promises), played by msw.
 */
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.ts';
import { StAuthError, StNetworkError, StServerError, StValidationError } from './errors.ts';

const SERVER = 'http://proxy.test';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function client() {
  return createClient({ server: `${SERVER}/`, token: 't', storage: false });
}

describe('HTTP error paths', () => {
  it('maps a catalogued 503 to StServerError with its code', async () => {
    server.use(
      http.get(`${SERVER}/api/v1/me/contacts`, () =>
        HttpResponse.json(
          { error: { code: 'ST_ERR_COMMUNITY_UNAVAILABLE', message: 'down' } },
          { status: 503 },
        ),
      ),
    );
    const error = await client()
      .contacts()
      .catch((e) => e);
    expect(error).toBeInstanceOf(StServerError);
    expect(error).toMatchObject({ code: 'ST_ERR_COMMUNITY_UNAVAILABLE', status: 503, message: 'down' });
  });

  it('maps a gateway’s HTML 502 to StServerError', async () => {
    server.use(
      http.put(`${SERVER}/api/v1/me/status`, () =>
        HttpResponse.html('<h1>Bad Gateway</h1>', { status: 502 }),
      ),
    );
    const error = await client()
      .setStatus('away')
      .catch((e) => e);
    expect(error).toBeInstanceOf(StServerError);
    expect(error).toMatchObject({ code: 'ST_ERR_INTERNAL', status: 502 });
  });

  it('maps a failed connection to StNetworkError', async () => {
    server.use(http.get(`${SERVER}/api/v1/directory`, () => HttpResponse.error()));
    const error = await client()
      .searchDirectory('bo')
      .catch((e) => e);
    expect(error).toBeInstanceOf(StNetworkError);
    expect(error).toMatchObject({ code: 'ST_ERR_NETWORK', status: 0 });
  });

  it('refuses a 200 whose body is not JSON, or not the promised shape', async () => {
    server.use(
      http.get(`${SERVER}/api/v1/me/contacts`, () => HttpResponse.text('<html>login portal</html>')),
      http.post(`${SERVER}/api/v1/session`, () => HttpResponse.json({ token: 5 }, { status: 201 })),
    );
    const contacts = await client()
      .contacts()
      .catch((e) => e);
    expect(contacts).toBeInstanceOf(StServerError);
    const login = await client()
      .login('alice', 'demo')
      .catch((e) => e);
    expect(login).toBeInstanceOf(StServerError);
  });

  it('maps an error body it cannot read by status', async () => {
    server.use(
      http.get(`${SERVER}/api/v1/me/contacts`, () => HttpResponse.text('nope', { status: 401 })),
      http.get(`${SERVER}/api/v1/directory`, () => HttpResponse.json([1, 2], { status: 400 })),
    );
    const c = client();
    expect(await c.contacts().catch((e) => e)).toBeInstanceOf(StAuthError);
    expect(await c.searchDirectory('bob').catch((e) => e)).toBeInstanceOf(StValidationError);
  });

  it('sends the CSRF header learnt from the login on cookie writes, and relearns it when refused', async () => {
    const seen: (string | null)[] = [];
    let current = 'csrf-1';
    server.use(
      http.post(`${SERVER}/api/v1/session`, () =>
        HttpResponse.json(
          { token: 'tok', user: { id: 'alice', displayName: 'Alice' }, expiresAt: 'x', csrfToken: current },
          { status: 201 },
        ),
      ),
      http.get(`${SERVER}/api/v1/session`, () =>
        HttpResponse.json({
          user: { id: 'alice', displayName: 'Alice' },
          expiresAt: 'x',
          csrfToken: current,
        }),
      ),
      http.put(`${SERVER}/api/v1/me/status`, ({ request }) => {
        const header = request.headers.get('x-st-csrf');
        seen.push(header);
        if (request.headers.get('authorization')) return new HttpResponse(null, { status: 500 });
        if (header !== current) {
          return HttpResponse.json({ error: { code: 'ST_ERR_CSRF', message: 'csrf' } }, { status: 403 });
        }
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const c = createClient({ server: SERVER, storage: false, useLoginToken: false });
    await c.login('alice', 'demo');
    await c.setStatus('away');
    current = 'csrf-2';
    await c.setStatus('dnd', 'busy');
    expect(seen).toEqual(['csrf-1', 'csrf-1', 'csrf-2']);
    c.close();
  });
});
