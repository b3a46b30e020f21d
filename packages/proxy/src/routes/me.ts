import { LIMITS, SessionStateRequest, SetStatusRequest } from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { defineRoute } from './define.ts';

const BODY_ERRORS = [
  'ST_ERR_VALIDATION',
  'ST_ERR_MALFORMED_JSON',
  'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
  'ST_ERR_BODY_TOO_LARGE',
] as const;

export function meRoutes(app: FastifyInstance, context: ProxyContext): void {
  defineRoute(app, context, {
    method: 'PUT',
    url: '/api/v1/me/status',
    auth: AuthMode.Required,
    body: SetStatusRequest,
    doc: {
      tag: 'presence',
      summary: 'Set my status',
      description:
        'The status chosen by hand belongs to the person, so every session of theirs shows it. ' +
        'Without `message` the status message is cleared. Status and idleness changes share a ' +
        `budget per person: ${LIMITS.statusChangeBurst} at once, then ${LIMITS.statusChangesPerMinute} a minute (then 429).`,
      success: { status: 204, description: 'Status set' },
      errors: [...BODY_ERRORS, 'ST_ERR_RATE_LIMITED', 'ST_ERR_COMMUNITY_UNAVAILABLE'],
    },
    handler: async ({ body, login, reply }) => {
      // Each change fans out to every watcher and into their replay buffers.
      await context.budgets.statusChanges.spend(login!.userId);
      await context.community.setStatus(login!.userId, body.status, body.message ?? '');
      return reply.code(204).send();
    },
  });

  defineRoute(app, context, {
    method: 'PUT',
    url: '/api/v1/session/state',
    auth: AuthMode.Required,
    body: SessionStateRequest,
    doc: {
      tag: 'session',
      summary: 'Report foreground and idleness',
      description:
        'Marks the session backgrounded (mobile) or idle. With `stream`, idleness applies to that ' +
        'stream; without, to every stream of the login. People with no foreground session get ' +
        'push notifications on their registered devices (`POST /api/v1/push/devices`).',
      success: { status: 204, description: 'State recorded' },
      errors: [...BODY_ERRORS, 'ST_ERR_NOT_FOUND', 'ST_ERR_RATE_LIMITED'],
    },
    handler: async ({ body, login, reply }) => {
      // Idleness fans out like a status change, and shares its budget.
      if (body.idle !== undefined) await context.budgets.statusChanges.spend(login!.userId);
      if (body.foreground !== undefined) {
        context.logins.setForeground(login!, body.foreground);
        context.push.sessionStateChanged(login!);
      }
      const idle = body.idle;
      if (idle !== undefined) {
        if (body.stream !== undefined) {
          const stream = context.streams.find(body.stream, login);
          if (!stream) throw new ApiError('ST_ERR_NOT_FOUND', { message: 'This login has no such stream.' });
          context.streams.setIdle(stream, idle);
        } else {
          context.logins.setIdle(login!, idle);
          for (const stream of login!.streams) context.streams.setIdle(stream, idle);
        }
      }
      return reply.code(204).send();
    },
  });
}
