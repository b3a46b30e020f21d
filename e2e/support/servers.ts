/**
 * The real parts the browser tests talk to: the proxy as `npm start` runs it (a child process on a
 * free port with its own data folder), and a plain static server on another origin that plays an
 * integrator's intranet page.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ProxyProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Start the proxy exactly as `npm start` does, and wait until it says it is ready. */
export async function startProxyProcess(env: Record<string, string>): Promise<ProxyProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/proxy/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ST_PORT: String(port), ST_HOST: '127.0.0.1', ST_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`proxy exited early with code ${code}`))),
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await Promise.race([
      fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ]);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`proxy at ${url} not ready after 30 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  exited.catch(() => {});
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/**
 * A second origin (`localhost` instead of `127.0.0.1`) serving e2e/pages. Pages get the proxy's
 * URL from `{{PROXY}}` placeholders (and other proxies' from `{{NAME}}` for each entry of
 * `otherProxies`), and a `Content-Security-Policy` allowing those proxies when their name says `csp`.
 */
export async function startPageServer(
  proxyUrl: string,
  port = 0,
  otherProxies: Record<string, string> = {},
): Promise<{ url: string; server: Server }> {
  const pages = join(ROOT, 'e2e', 'pages');
  const proxies = [proxyUrl, ...Object.values(otherProxies)];
  const scriptSources = proxies.join(' ');
  const socketSources = proxies.map((url) => `${url} ${url.replace('http', 'ws')}`).join(' ');
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(pages, path);
    if (!file.startsWith(pages)) return void res.writeHead(403).end();
    try {
      let body = await readFile(file, 'utf8');
      body = body.replaceAll('{{PROXY}}', proxyUrl);
      for (const [name, url] of Object.entries(otherProxies)) body = body.replaceAll(`{{${name}}}`, url);
      const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'text/plain' };
      if (path.includes('csp')) {
        headers['content-security-policy'] =
          `default-src 'none'; script-src ${scriptSources} 'self'; connect-src ${socketSources}; img-src ${scriptSources} data:; style-src 'self'`;
      }
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen({ port, host: '::', ipv6Only: false }, resolve));
  const bound = (server.address() as AddressInfo).port;
  return { url: `http://localhost:${bound}`, server };
}
