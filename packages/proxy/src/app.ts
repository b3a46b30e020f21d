/** The HTTP side of the proxy: Fastify with its plugins, hooks, error answers, routes and static files. */
import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import { LIMITS } from '@st/protocol';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { ProxyConfig } from './config.ts';
import type { ProxyContext } from './context.ts';
import {
  ApiError,
  type ErrorObserver,
  makeErrorHandler,
  RouteTable,
  sendError,
  toApiError,
} from './errors.ts';
import { trustFunction } from './limits/address.ts';
import { loggerOptions } from './logger.ts';
import { originsPlugin } from './origins.ts';
import { adminRoutes } from './routes/admin.ts';
import { announcementRoutes } from './routes/announcements.ts';
import { contactRoutes } from './routes/contacts.ts';
import { conversationMessageRoutes } from './routes/conversation-messages.ts';
import { conversationRoutes } from './routes/conversations.ts';
import { meRoutes } from './routes/me.ts';
import { operationRoutes } from './routes/operations.ts';
import { preferencesRoutes } from './routes/preferences.ts';
import { presenceRoutes } from './routes/presence.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { pushRoutes } from './routes/push.ts';
import { sessionRoutes } from './routes/session.ts';
import { userRoutes } from './routes/users.ts';
import { registerStatic, type StaticSite } from './static.ts';
import { pollRoutes } from './stream/poll.ts';
import { sseRoutes } from './stream/sse.ts';

export function createApp(config: ProxyConfig, observe: ErrorObserver): FastifyInstance {
  const options: FastifyServerOptions & { https?: { cert: Buffer; key: Buffer } } = {
    logger: loggerOptions(config.logLevel),
    // Requests are logged once, at debug, by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: LIMITS.bodyBytes,
    // Long ids must reach the schema (and get a 400), not fall out of the router as a 404.
    routerOptions: { maxParamLength: 1024 },
    forceCloseConnections: true,
    // X-Forwarded-For and X-Forwarded-Proto from the listed load balancers only (ST_TRUST_PROXY).
    trustProxy: trustFunction(config.trustProxy),
    frameworkErrors: (error, _request, reply) => sendError(reply, toApiError(error).apiError, observe),
  };
  if (config.tlsCert && config.tlsKey) {
    options.https = { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) };
  }
  // The HTTPS server type differs only in TLS; everything here uses what both share.
  return Fastify(options) as unknown as FastifyInstance;
}

/** Registers everything HTTP on `app`; call before `listen`. */
export async function registerHttp(app: FastifyInstance, context: ProxyContext): Promise<void> {
  const { metrics } = context;
  app.decorateRequest('login', null);
  app.decorateRequest('credentialSource', null);
  const routeTable = new RouteTable();
  app.addHook('onRoute', (route) => routeTable.add(route.url, route.method));
  // Only JSON bodies: anything else is 415 rather than a string a schema then refuses.
  app.removeContentTypeParser('text/plain');
  // Which proxy answered: load balancer affinity can be checked from outside, and logs joined.
  const node = context.cluster.nodeId;
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-st-node', node);
  });
  await app.register(cookie);
  await app.register(originsPlugin, { policy: context.origins, observeError: metrics.observeError });

  let site: StaticSite | undefined;
  app.setErrorHandler(makeErrorHandler(metrics.observeError));
  app.setNotFoundHandler((request, reply) => {
    if (site?.fallback(request, reply)) return reply;
    const allowed = routeTable.allowed(request.url.split('?')[0] ?? '/');
    const error =
      allowed.length > 0
        ? new ApiError('ST_ERR_METHOD_NOT_ALLOWED', { headers: { allow: allowed.join(', ') } })
        : new ApiError('ST_ERR_NOT_FOUND');
    return sendError(reply, error, metrics.observeError);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ route, method: request.method, status: reply.statusCode });
    request.log.debug(
      { req: request, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'answered',
    );
  });

  sessionRoutes(app, context);
  meRoutes(app, context);
  contactRoutes(app, context);
  conversationRoutes(app, context);
  conversationMessageRoutes(app, context);
  announcementRoutes(app, context);
  privacyRoutes(app, context);
  preferencesRoutes(app, context);
  presenceRoutes(app, context);
  pushRoutes(app, context);
  userRoutes(app, context);
  sseRoutes(app, context);
  pollRoutes(app, context);
  operationRoutes(app, context);
  adminRoutes(app, context);
  site = await registerStatic(app, context.config);
}
