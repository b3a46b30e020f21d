/** Announcements: one message to many people, the ones I received, and replies to them. */
import {
  AnnouncementParams,
  AnnouncementRequest,
  AnnouncementResponse,
  AnnouncementsQuery,
  AnnouncementsResponse,
  MessageResponse,
  SendMessageRequest,
} from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import { CHAT_BODY_ERRORS } from './conversations.ts';
import { defineRoute } from './define.ts';

const TAG = 'chat';

export function announcementRoutes(app: FastifyInstance, context: ProxyContext): void {
  const announcements = context.chat.announcements;

  defineRoute(app, context, {
    method: 'POST',
    url: '/api/v1/announcements',
    auth: AuthMode.Required,
    body: AnnouncementRequest,
    doc: {
      tag: TAG,
      summary: 'Send an announcement',
      description:
        'Each recipient gets an `announcement` event (people offline when they next connect). Every ' +
        'id must be a person the directory knows; the sender is left out of `to`.',
      success: { status: 201, description: 'The stored announcement', schema: AnnouncementResponse },
      errors: [
        ...CHAT_BODY_ERRORS,
        'ST_ERR_TOO_MANY_IDS',
        'ST_ERR_MESSAGE_TOO_LONG',
        'ST_ERR_USER_NOT_FOUND',
        'ST_ERR_RATE_LIMITED',
        'ST_ERR_DIRECTORY_UNAVAILABLE',
      ],
    },
    handler: async ({ login, body, reply }) =>
      reply.code(201).send(await announcements.announce(login!.user, body)),
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/announcements',
    auth: AuthMode.Required,
    query: AnnouncementsQuery,
    doc: {
      tag: TAG,
      summary: 'Announcements I received',
      description: 'Newest first.',
      success: { status: 200, description: 'The announcements', schema: AnnouncementsResponse },
      errors: ['ST_ERR_VALIDATION'],
    },
    handler: ({ login, query }) => announcements.received(login!.user, query.limit),
  });

  defineRoute(app, context, {
    method: 'POST',
    url: '/api/v1/announcements/:id/replies',
    auth: AuthMode.Required,
    params: AnnouncementParams,
    body: SendMessageRequest,
    doc: {
      tag: TAG,
      summary: 'Reply to an announcement',
      description:
        'The reply is a message in my 1:1 conversation with the sender (opened when needed), with the ' +
        'same rules as any message. ST_ERR_FORBIDDEN when the announcement takes no replies.',
      success: {
        status: 201,
        description: 'The stored reply (200 for a repeated clientId)',
        schema: MessageResponse,
      },
      errors: [
        ...CHAT_BODY_ERRORS,
        'ST_ERR_NOT_FOUND',
        'ST_ERR_FORBIDDEN',
        'ST_ERR_MESSAGE_TOO_LONG',
        'ST_ERR_RATE_LIMITED',
        'ST_ERR_DIRECTORY_UNAVAILABLE',
      ],
    },
    handler: async ({ login, params, body, reply }) => {
      const { message, created } = await announcements.reply(login!.user, params.id, body);
      return reply.code(created ? 201 : 200).send({ message });
    },
  });
}
