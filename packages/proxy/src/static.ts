/**
 * Static hosting: the hosted client at `/` (with SPA fallback to index.html), the System Console
 * at `/console` (a second page of the same build, docs/console.md), and the elements
 * bundle and the Links Toolkit script under `/st/` for pages on any origin. Any may be missing (not
 * built yet); the API works regardless.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';

const HASHED_ASSET = /\/assets\//;
/** The elements' lazily loaded chunks: their names carry a hash of their content. */
const HASHED_CHUNK = /[\\/]chunks[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.js(?:\.map)?(?:\.br|\.gz)?$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const NOT_HTML_PATHS = /^\/(api|st)\/|^\/(healthz|readyz|metrics)$/;
const SAFE_HOST = /^[A-Za-z0-9.:[\]-]+$/;
/** The System Console's pages: one HTML file of the hosted client's build. */
const CONSOLE_PATHS = /^\/console(\/.*)?$/;
const CONSOLE_PAGE = 'console/index.html';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>st-proxy</title>
<h1>The hosted client is not built</h1>
<p>Run <code>npm run build</code> in the repository, then reload. The API at <code>/api/v1/</code> works already.</p>
</html>
`;

/** The hosted client's policy: its own scripts only, no inline script, its own event stream. */
function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && SAFE_HOST.test(host) ? `ws://${host} wss://${host}` : 'ws: wss:';
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Lit may set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${sockets}`,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

function isHtml(reply: FastifyReply): boolean {
  return String(reply.getHeader('content-type') ?? '').startsWith('text/html');
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** Headers of the scripts under `/st/`, which pages on any origin load. */
const ELEMENTS_HEADERS = {
  // Module scripts are fetched in CORS mode by pages on other origins.
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
  'cache-control': 'public, max-age=300',
  'x-content-type-options': 'nosniff',
} as const;

/** The Links Toolkit script (built apart from the elements, into its own folder) and its source map. */
const LINKS_FILES = {
  'stlinks.js': 'text/javascript; charset=utf-8',
  'stlinks.js.map': 'application/json; charset=utf-8',
} as const;

/**
 * `/st/stlinks.js` beside `/st/components.js`. Read at each request, so a build after start-up is
 * served; until there is one the answer is the API's 404.
 */
function registerLinksScript(app: FastifyInstance, linksDir: string): void {
  for (const [name, type] of Object.entries(LINKS_FILES)) {
    app.get(`/st/${name}`, async (request, reply) => {
      reply.header('vary', 'accept-encoding');
      // The build leaves a gzip copy beside the script; send it to every client that takes gzip.
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        const gzipped = await readFile(join(linksDir, `${name}.gz`)).catch(() => null);
        if (gzipped) {
          return reply.type(type).headers(ELEMENTS_HEADERS).header('content-encoding', 'gzip').send(gzipped);
        }
      }
      let body: Buffer;
      try {
        body = await readFile(join(linksDir, name));
      } catch {
        throw new ApiError('ST_ERR_NOT_FOUND', { message: `${name} is not built: run npm run build.` });
      }
      return reply.type(type).headers(ELEMENTS_HEADERS).send(body);
    });
  }
}

export interface StaticSite {
  /** Answers an unmatched GET for a page of the hosted client; false when it is not one. */
  fallback(request: FastifyRequest, reply: FastifyReply): boolean;
}

export async function registerStatic(
  app: FastifyInstance,
  options: { webDir: string; componentsDir: string; linksDir: string },
): Promise<StaticSite> {
  const hasWeb = existsSync(join(options.webDir, 'index.html'));
  const hasConsole = existsSync(join(options.webDir, CONSOLE_PAGE));
  // Every page the proxy serves gets the hosted client's policy; the host is the request's own.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!isHtml(reply)) return payload;
    reply.header('content-security-policy', contentSecurityPolicy(request.headers.host));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
    return payload;
  });
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: options.webDir,
      prefix: '/',
      wildcard: true,
      // The build leaves .br and .gz copies beside each asset (scripts/compress-assets.mjs).
      preCompressed: true,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (response, path) => {
        if (path.endsWith('.html')) response.setHeader('cache-control', 'no-cache');
        else if (HASHED_ASSET.test(path)) response.setHeader('cache-control', IMMUTABLE);
        else response.setHeader('cache-control', 'public, max-age=300');
        response.setHeader('x-content-type-options', 'nosniff');
      },
    });
  } else {
    app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));
  }

  if (existsSync(options.componentsDir)) {
    await app.register(fastifyStatic, {
      root: options.componentsDir,
      prefix: '/st/',
      wildcard: true,
      preCompressed: true,
      decorateReply: false,
      cacheControl: false,
      setHeaders: (response, path) => {
        for (const [name, value] of Object.entries(ELEMENTS_HEADERS)) response.setHeader(name, value);
        // `components.js` keeps its name (pages link it), so it is cached briefly; a chunk's name
        // changes with its content, so it never needs asking for again.
        if (HASHED_CHUNK.test(path)) response.setHeader('cache-control', IMMUTABLE);
      },
    });
  }
  registerLinksScript(app, options.linksDir);

  return {
    fallback(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const path = request.url.split('?')[0] ?? '';
      if (NOT_HTML_PATHS.test(path) || !acceptsHtml(request)) return false;
      if (!hasWeb) {
        reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
        return true;
      }
      const page = CONSOLE_PATHS.test(path) && hasConsole ? CONSOLE_PAGE : 'index.html';
      reply.header('cache-control', 'no-cache').sendFile(page);
      return true;
    },
  };
}
