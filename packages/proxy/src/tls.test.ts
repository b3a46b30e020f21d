import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestProxy } from './testing.ts';

const tlsCert = fileURLToPath(new URL('./testdata/tls-cert.pem', import.meta.url));
const tlsKey = fileURLToPath(new URL('./testdata/tls-key.pem', import.meta.url));
const ca = readFileSync(tlsCert);

function post(url: string, body: unknown): Promise<{ status: number; cookie: string; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      url,
      { method: 'POST', ca, headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            cookie: String(response.headers['set-cookie'] ?? ''),
            text,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

describe('HTTPS', () => {
  it('serves HTTPS and WSS when given a certificate, with a Secure cookie', async () => {
    const proxy = await startTestProxy({ tlsCert, tlsKey });
    try {
      expect(proxy.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const login = await post(`${proxy.url}/api/v1/session`, { userId: 'alice', password: 'demo' });
      expect(login.status).toBe(201);
      expect(login.cookie).toMatch(/; Secure/);
      const { token } = JSON.parse(login.text);
      const socket = new WebSocket(
        `${proxy.url.replace('https', 'wss')}/api/v1/ws`,
        ['st.v1', `st.bearer.${token}`],
        {
          ca,
        },
      );
      const hello = await new Promise<Record<string, unknown>>((resolve, reject) => {
        socket.once('message', (data) => resolve(JSON.parse(data.toString())));
        socket.once('error', reject);
      });
      expect(hello).toMatchObject({ type: 'hello', userId: 'alice' });
      socket.close();
    } finally {
      await proxy.close();
    }
  });
});
