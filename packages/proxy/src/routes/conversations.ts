/**
 * Conversations: `/api/v1/conversations` (mine, and new N-way ones), the 1:1 with a person at
 * `/conversations/im/{peerId}`, one conversation, its topic and its participants. Someone who is
 * not a participant gets ST_ERR_CONVERSATION_NOT_FOUND for everything, exactly as for an id that
 * does not exist. docs/chat.md explains the whole API.
 */
import {
  ConversationParams,
  ConversationResponse,
  ConversationsQuery,
  ConversationsResponse,
  CreateConversationRequest,
  type ErrorCode,
  InviteRequest,
  PeerParams,
  UpdateConversationRequest,
} from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import { defineRoute } from './define.ts';

export const CHAT_BODY_ERRORS = [
  'ST_ERR_VALIDATION',
  'ST_ERR_MALFORMED_JSON',
  'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
  'ST_ERR_BODY_TOO_LARGE',
] as const satisfies ErrorCode[];

const ONE = {
  status: 200,
  description: 'The conversation as the caller sees it',
  schema: ConversationResponse,
};
const TAG = 'chat';

export function conversationRoutes(app: FastifyInstance, context: ProxyContext): void {
  const chat = context.chat.conversations;

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/conversations',
    auth: AuthMode.Required,
    query: ConversationsQuery,
    doc: {
      tag: TAG,
      summary: 'My conversations',
      description:
        'The conversations I take part in (invited or joined), most recently active first, each with ' +
        'my unread count and its last message. Pass `next` as `before` for the next page.',
      success: { status: 200, description: 'A page of conversations', schema: ConversationsResponse },
      errors: ['ST_ERR_VALIDATION'],
    },
    handler: ({ login, query }) => chat.list(login!.user, query.limit, query.before),
  });

  defineRoute(app, context, {
    method: 'POST',
    url: '/api/v1/conversations',
    auth: AuthMode.Required,
    body: CreateConversationRequest,
    doc: {
      tag: TAG,
      summary: 'Start an N-way conversation',
      description:
        'The caller joins it; the others are invited (an `invitation` event, or waiting for them ' +
        'offline). To upgrade a 1:1, name its other person among `participants` and give its id ' +
        'as `upgradedFrom`: its history stays where it is.',
      success: { status: 201, description: 'The new conversation', schema: ConversationResponse },
      errors: [
        ...CHAT_BODY_ERRORS,
        'ST_ERR_USER_NOT_FOUND',
        'ST_ERR_TOO_MANY_IDS',
        'ST_ERR_CONVERSATION_FULL',
        'ST_ERR_CONVERSATION_NOT_FOUND',
        'ST_ERR_RATE_LIMITED',
        'ST_ERR_DIRECTORY_UNAVAILABLE',
      ],
    },
    handler: async ({ login, body, reply }) => {
      const conversation = await chat.create(login!.user, body);
      return reply.code(201).send({ conversation });
    },
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/conversations/im/:peerId',
    auth: AuthMode.Required,
    params: PeerParams,
    doc: {
      tag: TAG,
      summary: 'My 1:1 conversation with a person',
      description: 'ST_ERR_CONVERSATION_NOT_FOUND while neither of the two has opened it (`PUT` opens it).',
      success: ONE,
      errors: [
        'ST_ERR_VALIDATION',
        'ST_ERR_USER_NOT_FOUND',
        'ST_ERR_CONVERSATION_NOT_FOUND',
        'ST_ERR_DIRECTORY_UNAVAILABLE',
      ],
    },
    handler: async ({ login, params }) => ({ conversation: await chat.findIm(login!.user, params.peerId) }),
  });

  defineRoute(app, context, {
    method: 'PUT',
    url: '/api/v1/conversations/im/:peerId',
    auth: AuthMode.Required,
    params: PeerParams,
    doc: {
      tag: TAG,
      summary: 'Open my 1:1 conversation with a person',
      description:
        'Idempotent: both people (and a repeated call) get the same conversation. 201 when this call ' +
        'created it. The other person hears of it with its first message. Send no body.',
      success: {
        status: 200,
        description: 'The conversation (201 when created)',
        schema: ConversationResponse,
      },
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_USER_NOT_FOUND', 'ST_ERR_DIRECTORY_UNAVAILABLE'],
    },
    handler: async ({ login, params, reply }) => {
      const me = login!.user;
      const { conversation, created } = await chat.openIm(me, params.peerId);
      return reply.code(created ? 201 : 200).send({ conversation: await chat.summary(conversation, me.id) });
    },
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/conversations/:id',
    auth: AuthMode.Required,
    params: ConversationParams,
    doc: {
      tag: TAG,
      summary: 'One conversation',
      success: ONE,
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_CONVERSATION_NOT_FOUND'],
    },
    handler: async ({ login, params }) => ({ conversation: await chat.get(params.id, login!.user) }),
  });

  defineRoute(app, context, {
    method: 'PATCH',
    url: '/api/v1/conversations/:id',
    auth: AuthMode.Required,
    params: ConversationParams,
    body: UpdateConversationRequest,
    doc: {
      tag: TAG,
      summary: 'Set the topic',
      description: 'Any participant of an N-way conversation may set or (with null) clear its topic.',
      success: ONE,
      errors: [
        ...CHAT_BODY_ERRORS,
        'ST_ERR_CONVERSATION_NOT_FOUND',
        'ST_ERR_CONVERSATION_KIND',
        'ST_ERR_RATE_LIMITED',
      ],
    },
    handler: async ({ login, params, body }) => ({
      conversation: await chat.setTopic(login!.user, params.id, body.topic),
    }),
  });

  defineRoute(app, context, {
    method: 'POST',
    url: '/api/v1/conversations/:id/participants',
    auth: AuthMode.Required,
    params: ConversationParams,
    body: InviteRequest,
    doc: {
      tag: TAG,
      summary: 'Invite people',
      description:
        'Invites people to an N-way conversation; people already in it are skipped. The invited see ' +
        'the messages sent from now on.',
      success: ONE,
      errors: [
        ...CHAT_BODY_ERRORS,
        'ST_ERR_TOO_MANY_IDS',
        'ST_ERR_USER_NOT_FOUND',
        'ST_ERR_CONVERSATION_NOT_FOUND',
        'ST_ERR_CONVERSATION_KIND',
        'ST_ERR_CONVERSATION_FULL',
        'ST_ERR_RATE_LIMITED',
        'ST_ERR_DIRECTORY_UNAVAILABLE',
      ],
    },
    handler: async ({ login, params, body }) => ({
      conversation: await chat.invite(login!.user, params.id, body.ids),
    }),
  });

  defineRoute(app, context, {
    method: 'PUT',
    url: '/api/v1/conversations/:id/participants/me',
    auth: AuthMode.Required,
    params: ConversationParams,
    doc: {
      tag: TAG,
      summary: 'Accept my invitation',
      description: 'Joins the conversation I was invited to (posting joins too). Send no body.',
      success: ONE,
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_CONVERSATION_NOT_FOUND', 'ST_ERR_RATE_LIMITED'],
    },
    handler: async ({ login, params }) => ({ conversation: await chat.accept(login!.user, params.id) }),
  });

  defineRoute(app, context, {
    method: 'DELETE',
    url: '/api/v1/conversations/:id/participants/me',
    auth: AuthMode.Required,
    params: ConversationParams,
    doc: {
      tag: TAG,
      summary: 'Leave, or decline my invitation',
      description:
        'Leaves an N-way conversation (the others see `left`); while I am only invited, this declines ' +
        '(`declined`). Afterwards the conversation no longer exists for me.',
      success: { status: 204, description: 'Left' },
      errors: [
        'ST_ERR_VALIDATION',
        'ST_ERR_CONVERSATION_NOT_FOUND',
        'ST_ERR_CONVERSATION_KIND',
        'ST_ERR_RATE_LIMITED',
      ],
    },
    handler: async ({ login, params, reply }) => {
      await chat.leave(login!.user, params.id);
      return reply.code(204).send();
    },
  });
}
