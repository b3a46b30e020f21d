/**
 * The intranet's web server: the team page (strict CSP), the classic phone list, its own stand-in
 * sign-in (a cookie naming the viewer), and its stylesheet. Plain `node:http`: an integrator's real
 * server would be whatever the intranet already runs.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IntegratorConfig } from './config.ts';
import { linksPage } from './pages/links-page.ts';
import { teamPage } from './pages/team-page.ts';
import { type Intranet, loadIntranet, type Person } from './people.ts';
import { ProxySessions } from './proxy-session.ts';

const VIEWER_COOKIE = 'intranet_user';
/** Who may sign in: anyone the intranet knows, and ids the proxy may not (contractors, say). */
const VIEWER_ID = /^[A-Za-z0-9._@-]{1,64}$/;
const STYLESHEET = new URL('../public/intranet.css', import.meta.url);

export interface RunningIntegrator {
  url: string;
  close(): Promise<void>;
}

/** The team page's policy: scripts and sockets from here and the proxy only, nothing inline. */
export function strictPolicy(proxyUrl: string): string {
  const proxy = new URL(proxyUrl).origin;
  return [
    "default-src 'none'",
    `script-src 'self' ${proxy}`,
    "style-src 'self'",
    `img-src 'self' ${proxy} data:`,
    `connect-src ${proxy} ${proxy.replace(/^http/, 'ws')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function viewerOf(request: IncomingMessage, intranet: Intranet): Person | undefined {
  const cookies = (request.headers.cookie ?? '').split(';').map((c) => c.trim().split('='));
  const raw = cookies.find(([name]) => name === VIEWER_COOKIE)?.[1];
  const id = raw ? decodeURIComponent(raw) : '';
  if (!VIEWER_ID.test(id)) return undefined;
  return intranet.people.find((p) => p.id === id) ?? { id, displayName: id, title: '' };
}

/** Only paths of this site: never an open redirect. */
function localPath(to: string | null): string {
  return to?.startsWith('/') && !to.startsWith('//') ? to : '/';
}

function send(response: ServerResponse, status: number, type: string, body: string, headers = {}): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(body);
}

export async function startIntegrator(config: IntegratorConfig): Promise<RunningIntegrator> {
  const intranet = await loadIntranet(config.peopleFile);
  const sessions = new ProxySessions(config);
  const stylesheet = await readFile(STYLESHEET, 'utf8');

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://intranet');
    const viewer = viewerOf(request, intranet);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'text/plain', 'GET only', { allow: 'GET, HEAD' });
    switch (url.pathname) {
      case '/': {
        const session = await sessions.forViewer(viewer?.id);
        const page = teamPage({ intranet, viewer, session, proxyUrl: config.proxyUrl });
        return send(response, 200, 'text/html; charset=utf-8', page, {
          'content-security-policy': strictPolicy(config.proxyUrl),
        });
      }
      case '/links': {
        const assertion = viewer ? await sessions.assertionFor(viewer.id) : undefined;
        const page = linksPage({ intranet, viewer, assertion, proxyUrl: config.proxyUrl });
        return send(response, 200, 'text/html; charset=utf-8', page);
      }
      case '/sign-in': {
        const id = url.searchParams.get('user') ?? '';
        if (!VIEWER_ID.test(id)) return send(response, 400, 'text/plain', 'Pick someone to sign in as.');
        return send(response, 303, 'text/plain', '', {
          location: localPath(url.searchParams.get('to')),
          'set-cookie': `${VIEWER_COOKIE}=${encodeURIComponent(id)}; Path=/; HttpOnly; SameSite=Lax`,
        });
      }
      case '/sign-out':
        if (viewer) await sessions.signOut(viewer.id);
        return send(response, 303, 'text/plain', '', {
          location: localPath(url.searchParams.get('to')),
          'set-cookie': `${VIEWER_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
        });
      case '/assets/intranet.css':
        return send(response, 200, 'text/css; charset=utf-8', stylesheet, { 'cache-control': 'max-age=300' });
      case '/healthz':
        return send(response, 200, 'text/plain', 'ok');
      default:
        return send(response, 404, 'text/plain', 'not found');
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('integrator: request failed', error);
      if (!response.headersSent) send(response, 500, 'text/plain', 'something went wrong');
      else response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
