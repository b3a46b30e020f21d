/**
 * What happens inside a conversation: messages and their history, delivered and read receipts,
 * and typing. Only participants may do any of it (ST_ERR_CONVERSATION_NOT_FOUND for anyone else).
 */
import {
  ConversationParams,
  HistoryQuery,
  HistoryResponse,
  MessageResponse,
  ReceiptRequest,
  SendMessageRequest,
  TypingRequest,
} from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import { CHAT_BODY_ERRORS } from './conversations.ts';
import { defineRoute } from './define.ts';

const TAG = 'chat';

export function conversationMessageRoutes(app: FastifyInstance, context: ProxyContext): void {
  const messages = context.chat.messages;

  defineRoute(app, context, {
    method: 'POST',
    url: '/api/v1/conversations/:id/messages',
    auth: AuthMode.Required,
    params: ConversationParams,
    body: SendMessageRequest,
    doc: {
      tag: TAG,
      summary: 'Send a message',
      description:
        'Answered 201 only once the message is durably stored. With a `clientId` a retried send is ' +
        'stored once: the same `clientId` from the same sender answers the stored message with 200. ' +
        'Posting accepts an invitation.',
      success: {
        status: 201,
        description: 'The stored message (200 for a repeated clientId)',
        schema: MessageResponse,
      },
      errors: [
        ...CHAT_BODY_ERRORS,
        'ST_ERR_MESSAGE_TOO_LONG',
        'ST_ERR_CONVERSATION_NOT_FOUND',
        'ST_ERR_RATE_LIMITED',
        'ST_ERR_COMMUNITY_UNAVAILABLE',
      ],
    },
    handler: async ({ login, params, body, reply }) => {
      const { message, created } = await messages.send(login!.user, params.id, body);
      return reply.code(created ? 201 : 200).send({ message });
    },
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/conversations/:id/messages',
    auth: AuthMode.Required,
    params: ConversationParams,
    query: HistoryQuery,
    doc: {
      tag: TAG,
      summary: 'History',
      description:
        'One page, oldest first within it. Without a cursor, or with `before=<seq>`: the newest ' +
        '`limit` messages before that seq (page back with the first message’s seq). With ' +
        '`after=<seq>`: the oldest `limit` after it (catching up). `hasMore` says whether more lie ' +
        'in that direction.',
      success: { status: 200, description: 'A page of messages', schema: HistoryResponse },
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_CONVERSATION_NOT_FOUND'],
    },
    handler: ({ login, params, query }) => messages.history(login!.user, params.id, query),
  });

  for (const kind of ['delivered', 'read'] as const) {
    defineRoute(app, context, {
      method: 'POST',
      url: `/api/v1/conversations/:id/${kind}`,
      auth: AuthMode.Required,
      params: ConversationParams,
      body: ReceiptRequest,
      doc: {
        tag: TAG,
        summary: kind === 'read' ? 'I have read up to a message' : 'My client has every message up to one',
        description:
          (kind === 'read'
            ? 'Read implies delivered. '
            : 'A client acknowledges what reached it (live or offline) with this. ') +
          'Receipts only move forward and never past the last message; when one moves, every ' +
          'participant gets a `receipt` event.',
        success: { status: 204, description: 'Recorded' },
        errors: [...CHAT_BODY_ERRORS, 'ST_ERR_CONVERSATION_NOT_FOUND', 'ST_ERR_RATE_LIMITED'],
      },
      handler: async ({ login, params, body, reply }) => {
        await messages.receipt(login!.user, params.id, kind, body.seq);
        return reply.code(204).send();
      },
    });
  }

  defineRoute(app, context, {
    method: 'POST',
    url: '/api/v1/conversations/:id/typing',
    auth: AuthMode.Required,
    params: ConversationParams,
    body: TypingRequest,
    doc: {
      tag: TAG,
      summary: 'I am typing (or stopped)',
      description:
        'The other participants get a `typing` event, at most one `typing: true` per few seconds; ' +
        'it holds for its `ttlMs` unless renewed. Send `true` again every few seconds while typing.',
      success: { status: 204, description: 'Noted' },
      errors: [...CHAT_BODY_ERRORS, 'ST_ERR_CONVERSATION_NOT_FOUND', 'ST_ERR_RATE_LIMITED'],
    },
    handler: async ({ login, params, body, reply }) => {
      await messages.setTyping(login!.user, params.id, body.typing);
      return reply.code(204).send();
    },
  });
}
