/**
 * The admin API (`/api/v1/admin/...`, docs/console.md): for the people listed in ST_ADMINS; anyone
 * else logged in gets 403 ST_ERR_NOT_ADMIN, nobody logged in 401. Writes from the cookie need the
 * CSRF header, like every other change.
 */
import {
  AdminHealthResponse,
  AdminNodeParams,
  AdminNodesResponse,
  AdminPersonParams,
  AdminSessionParams,
  AdminSessionsResponse,
  DrainResponse,
  EndSessionsResponse,
  NodeState,
} from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import { AdminService } from '../admin/service.ts';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { defineRoute } from './define.ts';

const TAG = 'admin';
const PersonSessionParams = AdminPersonParams.extend(AdminSessionParams.shape);

/** The person as the directory spells their id, or ST_ERR_USER_NOT_FOUND. */
async function person(context: ProxyContext, id: string) {
  const [card] = await context.directory.getPeople([id]);
  if (!card) throw new ApiError('ST_ERR_USER_NOT_FOUND');
  return { id: card.id, displayName: card.displayName };
}

export function adminRoutes(app: FastifyInstance, context: ProxyContext): void {
  const admin = new AdminService(context);
  app.addHook('onClose', async () => admin.stop());

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/admin/nodes',
    auth: AuthMode.Admin,
    doc: {
      tag: TAG,
      summary: 'The nodes of the cluster',
      description:
        'Every proxy of the cluster heard from in the last hour, with the figures it sent with its ' +
        'last heartbeat (this node: as of now). A node silent for three heartbeats is `gone`. Without ' +
        'ST_REDIS_URL the one node is this proxy.',
      success: { status: 200, description: 'The nodes', schema: AdminNodesResponse },
      errors: ['ST_ERR_COMMUNITY_UNAVAILABLE'],
    },
    handler: () => admin.nodes(),
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/admin/health',
    auth: AuthMode.Admin,
    doc: {
      tag: TAG,
      summary: 'Health of what the proxy depends on',
      description:
        'The community server, Redis (in a cluster), the store (PostgreSQL or SQLite) and the ' +
        'directory, each `ok` or `unavailable` with how long its check took (2 s at most).',
      success: { status: 200, description: 'The checks', schema: AdminHealthResponse },
      errors: [],
    },
    handler: () => admin.health(),
  });

  defineRoute(app, context, {
    method: 'POST',
    url: '/api/v1/admin/nodes/:id/drain',
    auth: AuthMode.Admin,
    params: AdminNodeParams,
    doc: {
      tag: TAG,
      summary: 'Drain a node',
      description:
        'The node stops being ready, moves its event streams to the others (they reconnect) and ' +
        'exits. Another node is told through the cluster and must acknowledge within 2 s.',
      success: { status: 202, description: 'The node is draining', schema: DrainResponse },
      errors: [
        'ST_ERR_VALIDATION',
        'ST_ERR_NODE_NOT_FOUND',
        'ST_ERR_NODE_UNREACHABLE',
        'ST_ERR_COMMUNITY_UNAVAILABLE',
      ],
    },
    handler: async ({ params, login, request, reply }) => {
      await admin.drain(params.id);
      request.log.info({ node: params.id, by: login!.userId }, 'drain requested');
      const answer: DrainResponse = { node: params.id, state: NodeState.Draining };
      return reply.code(202).send(answer);
    },
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/admin/people/:id/sessions',
    auth: AuthMode.Admin,
    params: AdminPersonParams,
    doc: {
      tag: TAG,
      summary: "A person's sessions across the cluster",
      description:
        'Each login of the person held by a live node: an opaque session id (not the token), the ' +
        'nodes holding it, web or mobile, the User-Agent it logged in with, when it was made and ' +
        'last used, and its connected event streams.',
      success: { status: 200, description: 'The sessions', schema: AdminSessionsResponse },
      errors: [
        'ST_ERR_VALIDATION',
        'ST_ERR_USER_NOT_FOUND',
        'ST_ERR_DIRECTORY_UNAVAILABLE',
        'ST_ERR_COMMUNITY_UNAVAILABLE',
      ],
    },
    handler: async ({ params }) => {
      const user = await person(context, params.id);
      return { user, sessions: await admin.sessions(user.id) };
    },
  });

  defineRoute(app, context, {
    method: 'DELETE',
    url: '/api/v1/admin/people/:id/sessions',
    auth: AuthMode.Admin,
    params: AdminPersonParams,
    doc: {
      tag: TAG,
      summary: "End all of a person's sessions",
      description:
        'Logs the person out everywhere: every token is revoked for the whole cluster and every ' +
        'event stream closes with 1000 (logout) on whichever node holds it.',
      success: { status: 200, description: 'How many sessions ended', schema: EndSessionsResponse },
      errors: [
        'ST_ERR_VALIDATION',
        'ST_ERR_USER_NOT_FOUND',
        'ST_ERR_DIRECTORY_UNAVAILABLE',
        'ST_ERR_COMMUNITY_UNAVAILABLE',
      ],
    },
    handler: async ({ params, login, request }) => {
      const user = await person(context, params.id);
      const ended = await admin.endSessions(user.id);
      request.log.info({ userId: user.id, ended, by: login!.userId }, 'sessions ended by an administrator');
      return { ended };
    },
  });

  defineRoute(app, context, {
    method: 'DELETE',
    url: '/api/v1/admin/people/:id/sessions/:sessionId',
    auth: AuthMode.Admin,
    params: PersonSessionParams,
    doc: {
      tag: TAG,
      summary: 'End one session',
      description:
        'Logs that session out: its token is revoked for the whole cluster and its event streams ' +
        'close with 1000 (logout).',
      success: { status: 200, description: 'The session ended', schema: EndSessionsResponse },
      errors: [
        'ST_ERR_VALIDATION',
        'ST_ERR_USER_NOT_FOUND',
        'ST_ERR_SESSION_NOT_FOUND',
        'ST_ERR_DIRECTORY_UNAVAILABLE',
        'ST_ERR_COMMUNITY_UNAVAILABLE',
      ],
    },
    handler: async ({ params, login, request }) => {
      const user = await person(context, params.id);
      const ended = await admin.endSessions(user.id, params.sessionId);
      if (ended === 0) throw new ApiError('ST_ERR_SESSION_NOT_FOUND');
      request.log.info({ userId: user.id, by: login!.userId }, 'session ended by an administrator');
      return { ended };
    },
  });
}
