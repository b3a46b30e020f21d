/**
 * Which web pages may use the proxy. A request's `Origin` is fine when it is the proxy's own (the
 * page came from here) or listed in ST_ALLOWED_ORIGINS; listed origins get CORS with credentials.
 * A request without `Origin` (Node, native apps, same-origin GETs) is judged by its credentials alone.
 */
import cors from '@fastify/cors';
import { CSRF_HEADER } from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, type ErrorObserver, sendError } from './errors.ts';

export class OriginPolicy {
  private readonly listed: Set<string>;

  constructor(allowedOrigins: readonly string[]) {
    this.listed = new Set(allowedOrigins);
  }

  isListed(origin: string): boolean {
    return this.listed.has(origin);
  }

  /** True when no `Origin` was sent, or it is the proxy's own (judged by `Host`), or it is listed. */
  isAllowed(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    if (this.listed.has(origin)) return true;
    if (!host || origin === 'null') return false;
    try {
      return new URL(origin).host === host.toLowerCase();
    } catch {
      return false;
    }
  }
}

/** API paths get the origin check; static files and health checks are for anyone. */
const GUARDED = /^\/api\//i;

/**
 * Whether a request is for the API, judged on what the router matches: the route's own URL when
 * one matched, else the percent-decoded path (`/%61pi/...` is `/api/...` to the router). A path
 * that cannot be decoded is guarded too.
 */
export function isGuarded(url: string, routeUrl: string | undefined): boolean {
  if (routeUrl !== undefined && GUARDED.test(routeUrl)) return true;
  const path = url.split('?')[0] ?? '';
  try {
    return GUARDED.test(decodeURIComponent(path));
  } catch {
    return true;
  }
}

export const originsPlugin = fp<{ policy: OriginPolicy; observeError: ErrorObserver }>(
  async (app: FastifyInstance, { policy, observeError }) => {
    // Refuse before CORS answers a preflight, so a refused origin never sees CORS headers.
    app.addHook('onRequest', async (request, reply) => {
      if (!isGuarded(request.url, request.routeOptions.url)) return;
      if (policy.isAllowed(request.headers.origin, request.headers.host)) return;
      return sendError(reply, new ApiError('ST_ERR_ORIGIN_NOT_ALLOWED'), observeError);
    });
    await app.register(cors, {
      origin: (origin, callback) =>
        callback(null, origin !== undefined && policy.isListed(origin) ? origin : false),
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', CSRF_HEADER, 'last-event-id'],
      exposedHeaders: ['retry-after', 'etag'],
      maxAge: 600,
    });
  },
  { name: 'st-origins' },
);
