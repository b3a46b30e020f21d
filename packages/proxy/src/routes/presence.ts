import { offlinePresence, PresenceQuery, PresenceResponse, WatchRequest, WatchResponse } from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { changeWatch } from '../stream/watch.ts';
import { defineRoute } from './define.ts';

export function presenceRoutes(app: FastifyInstance, context: ProxyContext): void {
  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/presence',
    auth: AuthMode.Awareness,
    query: PresenceQuery,
    doc: {
      tag: 'presence',
      summary: 'Presence of people',
      description:
        'A snapshot, in the order asked. An id that is no person, or whose privacy list hides them ' +
        'from the caller, is `offline`. Anonymous callers may ask when ST_ANONYMOUS_AWARENESS is on.',
      success: { status: 200, description: 'Their presence', schema: PresenceResponse },
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_TOO_MANY_IDS', 'ST_ERR_COMMUNITY_UNAVAILABLE'],
    },
    handler: async ({ query, login }): Promise<z.infer<typeof PresenceResponse>> => {
      const viewer = login?.userId ?? '';
      const presence = await context.community.getPresence(query.users);
      return {
        presence: presence.map((p) =>
          context.privacy.maySee(p.userId, viewer) ? p : offlinePresence(p.userId),
        ),
      };
    },
  });

  defineRoute(app, context, {
    method: 'POST',
    url: '/api/v1/watch',
    auth: AuthMode.Awareness,
    body: WatchRequest,
    doc: {
      tag: 'events',
      summary: 'Change what a stream watches',
      description:
        'For Server-Sent Events and long-poll clients (WebSocket clients send a `watch` frame). ' +
        'After an add the stream receives one `presence` event with every added person.',
      success: { status: 200, description: 'How many people the stream watches now', schema: WatchResponse },
      errors: [
        'ST_ERR_VALIDATION',
        'ST_ERR_MALFORMED_JSON',
        'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
        'ST_ERR_BODY_TOO_LARGE',
        'ST_ERR_TOO_MANY_IDS',
        'ST_ERR_WATCH_LIMIT',
        'ST_ERR_NOT_FOUND',
        'ST_ERR_COMMUNITY_UNAVAILABLE',
      ],
    },
    handler: async ({ body, login }): Promise<z.infer<typeof WatchResponse>> => {
      const stream = context.streams.find(body.stream, login);
      if (!stream)
        throw new ApiError('ST_ERR_NOT_FOUND', { message: 'There is no such stream for this session.' });
      const watching = await stream.enqueue(() =>
        changeWatch(
          context.fanout,
          stream,
          body.add,
          body.remove,
          login ? context.streams.watchedBy(login.userId) : 0,
        ),
      );
      return { watching };
    },
  });
}
