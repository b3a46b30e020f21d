/**
 * `ST_XMPP_TLS` against a Prosody that requires TLS, with a self-signed certificate the proxy
 * trusts the way an operator would make it trust a private CA (NODE_EXTRA_CA_CERTS): StartTLS on
 * the c2s port and direct TLS on its own port sign people in; the same proxy without that trust
 * refuses the server. The proxy runs as a process of its own, as the variable is read at start-up.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { request } from '../../test-support.ts';
import { startProsody, type TestProsody } from '../../testing/prosody.ts';
import { type ProxyProcess, startProxyProcess } from '../../testing/proxy-process.ts';

let prosody: TestProsody;
const running: ProxyProcess[] = [];

beforeAll(async () => {
  prosody = await startProsody({
    accounts: [{ id: 'alice', password: 'alice-secret', name: 'Alice Archer' }],
    tls: true,
  });
});
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  await prosody?.stop();
});

async function proxyWith(env: Record<string, string>): Promise<string> {
  const proxy = await startProxyProcess({
    ST_XMPP_DOMAIN: prosody.domain,
    ST_DIRECTORY: 'xmpp',
    ...env,
  });
  running.push(proxy);
  return proxy.url;
}

function logIn(url: string): Promise<Response> {
  return request(url, '/api/v1/session', {
    method: 'POST',
    json: { userId: 'alice', password: 'alice-secret' },
  });
}

it('signs in over StartTLS and over direct TLS when the certificate is trusted, and not otherwise', async () => {
  const trust = { NODE_EXTRA_CA_CERTS: prosody.certificate! };
  const starttls = await proxyWith({ ...trust, ST_COMMUNITY: prosody.url, ST_XMPP_TLS: 'starttls' });
  expect((await logIn(starttls)).status).toBe(201);

  const direct = await proxyWith({
    ...trust,
    ST_COMMUNITY: `xmpp://127.0.0.1:${prosody.directTlsPort}`,
    ST_XMPP_TLS: 'direct',
  });
  expect((await logIn(direct)).status).toBe(201);

  // Without the trust the server's certificate is refused: no session, so no login.
  const untrusting = await proxyWith({ ST_COMMUNITY: prosody.url, ST_XMPP_TLS: 'starttls' });
  const refused = await logIn(untrusting);
  expect(refused.status).not.toBe(201);
  expect(refused.status).toBeGreaterThanOrEqual(400);
});
