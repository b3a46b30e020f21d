/**
 * Three proxies behind a real HAProxy with the shipped configuration (a sticky time of 3 s here):
 * a login's requests and streams stay on one proxy until the sticky time runs out, for browsers
 * (the balancer's cookie) and for token bearers without a cookie jar (the token's digest in a
 * stick table); a proxy that drains sends its streams and new logins to the others and exits 0.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, TestSocket, waitFor } from '../test-support.ts';
import { startCluster, type TestCluster } from '../testing/cluster.ts';
import { shippedHaproxyConfig } from './haproxy-config.ts';

const STICKY_SECONDS = 3;
const SHIPPED = new URL('../../../../deploy/haproxy/st-proxy.haproxy.cfg', import.meta.url);

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, stickySeconds: STICKY_SECONDS, env: { ST_DRAIN_SECONDS: '1' } });
  // Servers start slowly on a loaded machine (Redis, PostgreSQL, three proxy processes, HAProxy).
}, 180_000);
afterAll(async () => {
  await cluster?.close();
}, 60_000);

/** A client with a cookie jar of one site, as a browser is. */
class Browser {
  private readonly jar = new Map<string, string>();

  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async call(path: string, options: { method?: string; json?: unknown } = {}) {
    const response = await request(cluster.url, path, { ...options, cookie: this.cookie || undefined });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    await response.arrayBuffer();
    return { status: response.status, node: response.headers.get('x-st-node') };
  }
}

/** Opens a stream through the balancer and answers the node that accepted the upgrade. */
async function streamVia(options: {
  token?: string;
  cookie?: string;
}): Promise<{ socket: TestSocket; node: string }> {
  const socket = TestSocket.open(cluster.url, options);
  const node = new Promise<string>((resolve) =>
    socket.socket.once('upgrade', (response) => resolve(String(response.headers['x-st-node']))),
  );
  await socket.hello();
  return { socket, node: await node };
}

const idle = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

describe('the shipped HAProxy configuration', () => {
  it('is the rendered one for three nodes, and HAProxy accepts it', async () => {
    expect(await readFile(SHIPPED, 'utf8')).toBe(shippedHaproxyConfig());
    const { stdout } = await promisify(execFile)(process.env.ST_HAPROXY ?? '/usr/sbin/haproxy', [
      '-c',
      '-f',
      SHIPPED.pathname,
    ]);
    expect(stdout).toContain('Configuration file is valid');
  });
});

describe('affinity through HAProxy', () => {
  it('keeps a browser on one proxy (cookie) until its sticky time runs out', async () => {
    const browser = new Browser();
    const login = await browser.call('/api/v1/session', {
      method: 'POST',
      json: { userId: 'alice', password: 'demo' },
    });
    expect(login.status).toBe(201);
    expect(browser.cookie).toContain('ST_NODE=');
    const home = login.node!;
    for (let i = 0; i < 12; i++)
      expect(await browser.call('/api/v1/session')).toEqual({ status: 200, node: home });
    // Streams follow the cookie too, and keep their proxy busy: once the affinity is gone,
    // `leastconn` must pick another proxy, so a move is seen rather than guessed.
    const streams = await Promise.all([1, 2, 3].map(() => streamVia({ cookie: browser.cookie })));
    for (const stream of streams) expect(stream.node).toBe(home);
    expect((await browser.call('/api/v1/session')).node).toBe(home);

    // HAProxy keeps the cookie's dates in units of 4 s, rounded up: wait one unit longer.
    await idle(STICKY_SECONDS + 5.5);
    const after = await browser.call('/api/v1/session');
    expect(after.status).toBe(200); // the login itself lives in Redis: any proxy knows it
    expect(after.node).not.toBe(home);
    // ...and the new affinity holds from then on.
    expect((await browser.call('/api/v1/session')).node).toBe(after.node);
    await Promise.all(streams.map(({ socket }) => socket.close()));
  }, 60_000);

  it('keeps a token bearer without a cookie jar on one proxy (stick table) until its sticky time runs out', async () => {
    const answer = await request(cluster.url, '/api/v1/session', {
      method: 'POST',
      json: { userId: 'bob', password: 'demo' },
    });
    const { token } = (await answer.json()) as { token: string };
    const nodeOf = async () => {
      const response = await request(cluster.url, '/api/v1/session', { token });
      expect(response.status).toBe(200);
      return response.headers.get('x-st-node');
    };
    const home = (await nodeOf())!;
    for (let i = 0; i < 12; i++) expect(await nodeOf()).toBe(home);
    // The WebSocket carries the token as a subprotocol: the same digest, the same proxy.
    const streams = await Promise.all([1, 2, 3].map(() => streamVia({ token })));
    for (const stream of streams) expect(stream.node).toBe(home);

    await idle(STICKY_SECONDS + 1.5);
    const moved = await nodeOf();
    expect(moved).not.toBe(home);
    for (let i = 0; i < 5; i++) expect(await nodeOf()).toBe(moved);
    await Promise.all(streams.map(({ socket }) => socket.close()));
  }, 60_000);
});

describe('draining a proxy behind HAProxy', () => {
  it('sends its streams and new logins to the others, then exits 0', async () => {
    const browser = new Browser();
    await browser.call('/api/v1/session', { method: 'POST', json: { userId: 'carol', password: 'demo' } });
    const { node: home } = await browser.call('/api/v1/session');
    const streams = await Promise.all([1, 2, 3, 4].map(() => streamVia({ cookie: browser.cookie })));
    for (const stream of streams) expect(stream.node).toBe(home);

    const stopped = cluster.stop(home!);
    for (const { socket } of streams) expect((await socket.closed).code).toBe(1001);
    // A stream reopened at once, with the cookie naming the draining proxy, lands elsewhere: the
    // proxy refuses the upgrade with 503 and HAProxy retries it on another.
    const again = await streamVia({ cookie: browser.cookie });
    expect(again.node).not.toBe(home);
    const late = new Browser();
    const login = await late.call('/api/v1/session', {
      method: 'POST',
      json: { userId: 'dave', password: 'demo' },
    });
    expect(login.status).toBe(201);
    expect(login.node).not.toBe(home);

    expect(await stopped).toBe(0);
    await cluster.waitForBalancer(home!, false);
    // The person's presence did not depend on the proxy that left.
    await waitFor(async () => {
      const seen = await request(cluster.url, '/api/v1/presence?users=carol', { cookie: late.cookie });
      const body = (await seen.json()) as { presence: { status: string }[] };
      return body.presence[0]?.status === 'available';
    }, 100);
    await again.socket.close();
    await cluster.start(home!);
    await cluster.waitForBalancer(home!, true);
  }, 90_000);
});
