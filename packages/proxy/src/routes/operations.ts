import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { buildOpenApi } from '../openapi.ts';
import { defineRoute } from './define.ts';

const HEALTH_TIMEOUT_MS = 2000;
const Health = z.object({
  status: z.string(),
  /** On /readyz: `unavailable` while the directory cannot be reached (logins and new cards fail). */
  directory: z.enum(['ok', 'unavailable']).optional(),
});

/** Whether a backend's health check says ok within HEALTH_TIMEOUT_MS. */
async function healthy(check: () => Promise<{ ok: boolean }>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().then((h) => h.ok), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function operationRoutes(app: FastifyInstance, context: ProxyContext): void {
  defineRoute(app, context, {
    method: 'GET',
    url: '/healthz',
    auth: AuthMode.None,
    doc: {
      tag: 'operations',
      summary: 'Liveness',
      success: { status: 200, description: 'The process runs', schema: Health },
      errors: [],
    },
    handler: () => ({ status: 'ok' }),
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/readyz',
    auth: AuthMode.None,
    doc: {
      tag: 'operations',
      summary: 'Readiness',
      description:
        'Not ready (503) while draining or while the community server is unreachable. A directory ' +
        'that cannot be reached is reported as `directory: "unavailable"` but keeps the proxy ready: ' +
        'every proxy shares the directory, so taking them all out of rotation would stop presence ' +
        'too, which works without it.',
      success: { status: 200, description: 'Ready for traffic', schema: Health },
      errors: ['ST_ERR_DRAINING', 'ST_ERR_COMMUNITY_UNAVAILABLE'],
    },
    handler: async () => {
      if (context.state.draining) throw new ApiError('ST_ERR_DRAINING');
      if (!(await healthy(() => context.community.health())))
        throw new ApiError('ST_ERR_COMMUNITY_UNAVAILABLE');
      const directory = (await healthy(() => context.directory.health())) ? 'ok' : 'unavailable';
      return { status: 'ready', directory };
    },
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/metrics',
    auth: AuthMode.None,
    doc: {
      tag: 'operations',
      summary: 'Prometheus metrics',
      success: {
        status: 200,
        description: 'Metrics in the Prometheus text format',
        contentType: 'text/plain',
      },
      errors: [],
    },
    handler: async ({ reply }) => {
      const text = await context.metrics.text();
      return reply.type(context.metrics.contentType).send(text);
    },
  });

  let document: unknown;
  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/openapi.json',
    auth: AuthMode.None,
    doc: {
      tag: 'operations',
      summary: 'This document',
      success: { status: 200, description: 'OpenAPI 3.1', contentType: 'application/json' },
      errors: [],
    },
    handler: () => {
      document ??= buildOpenApi(context.routes);
      return document;
    },
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/ws',
    auth: AuthMode.Awareness,
    streaming: true,
    doc: {
      tag: 'events',
      summary: 'Event stream (WebSocket)',
      description:
        'Upgrade to a WebSocket offering the subprotocols `st.v1` and, without the cookie, ' +
        '`st.bearer.<token>`; query `stream` and `since` resume a stream. Frames are described in ' +
        'the wire protocol (`hello`, `presence`, `ack`, `error`, `ping`; client `watch`, `activity`, ' +
        '`ping`). Close codes: 1000 logout or replaced, 1001 draining, 1013 too slow, 4400 protocol ' +
        'error, 4401 log in again, 4403 origin refused, 4429 too many frames. A plain GET is refused.',
      success: { status: 101, description: 'Switching to the WebSocket protocol' },
      errors: ['ST_ERR_VALIDATION'],
    },
    handler: () => {
      throw new ApiError('ST_ERR_VALIDATION', { message: 'Open this URL as a WebSocket.' });
    },
  });
}
