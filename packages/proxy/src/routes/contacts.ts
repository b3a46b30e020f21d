/**
 * The contact-list API, `/api/v1/me/contacts`. Groups belong to the caller alone: another
 * person's group is never named here, so it simply does not exist (404). Every write answers the
 * whole list (the shape of `GET`), and the same list reaches every stream of the person as a
 * `contacts` event. Writes are rate-limited per person (all their logins together).
 */
import {
  ContactGroupParams,
  ContactMemberParams,
  ContactNicknameParams,
  ContactsResponse,
  CreateContactGroupRequest,
  type ErrorCode,
  MoveContactRequest,
  RenameContactGroupRequest,
  SetContactNicknameRequest,
} from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import { AuthMode } from '../auth/hook.ts';
import type { Login } from '../auth/logins.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import {
  type ContactChange,
  ContactLimitError,
  ContactNotFoundError,
  GroupExistsError,
  GroupNotFoundError,
  MemberNotFoundError,
} from '../store/types.ts';
import { defineRoute, type HttpMethod } from './define.ts';

const BODY_ERRORS = [
  'ST_ERR_VALIDATION',
  'ST_ERR_MALFORMED_JSON',
  'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
  'ST_ERR_BODY_TOO_LARGE',
] as const satisfies ErrorCode[];
const WRITE_ERRORS = ['ST_ERR_RATE_LIMITED', 'ST_ERR_DIRECTORY_UNAVAILABLE'] as const satisfies ErrorCode[];

const ANSWER = {
  status: 200,
  description: 'The whole contact list after the change',
  schema: ContactsResponse,
};

/** The catalogue error for a change the store refused. */
function refusal(error: unknown): unknown {
  if (error instanceof GroupExistsError) return new ApiError('ST_ERR_CONFLICT', { message: error.message });
  if (
    error instanceof GroupNotFoundError ||
    error instanceof MemberNotFoundError ||
    error instanceof ContactNotFoundError
  ) {
    return new ApiError('ST_ERR_NOT_FOUND', { message: error.message });
  }
  if (error instanceof ContactLimitError)
    return new ApiError('ST_ERR_CONTACT_LIMIT', { message: error.message });
  return error;
}

export function contactRoutes(app: FastifyInstance, context: ProxyContext): void {
  const book = context.contacts;

  /** A write: rate limit, then the change, answered with the whole list. */
  async function write(login: Login | null, change: () => Promise<ContactChange>): Promise<ContactsResponse> {
    await context.budgets.contactWrites.spend(login!.userId);
    try {
      return { groups: await book.change(login!.userId, await change()) };
    } catch (error) {
      throw refusal(error);
    }
  }

  const writeRoute = (
    method: HttpMethod,
    url: string,
    summary: string,
    description: string,
    errors: ErrorCode[],
  ) => ({
    method,
    url,
    auth: AuthMode.Required,
    doc: { tag: 'contacts', summary, description, success: ANSWER, errors: [...errors, ...WRITE_ERRORS] },
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/me/contacts',
    auth: AuthMode.Required,
    doc: {
      tag: 'contacts',
      summary: 'My contact list',
      description:
        'The groups in order, each with its members in order. A person who never changed their list ' +
        'gets what the directory offers; their first change stores it.',
      success: { status: 200, description: 'The contact list by group', schema: ContactsResponse },
      errors: ['ST_ERR_DIRECTORY_UNAVAILABLE'],
    },
    handler: async ({ login }): Promise<ContactsResponse> => ({ groups: await book.list(login!.userId) }),
  });

  defineRoute(app, context, {
    ...writeRoute(
      'POST',
      '/api/v1/me/contacts/groups',
      'Create a group',
      'Adds an empty group at the end. The name is trimmed; names are compared exactly.',
      [...BODY_ERRORS, 'ST_ERR_CONFLICT', 'ST_ERR_CONTACT_LIMIT'],
    ),
    body: CreateContactGroupRequest,
    handler: ({ login, body }) => write(login, async () => ({ op: 'createGroup', name: body.name })),
  });

  defineRoute(app, context, {
    ...writeRoute(
      'PATCH',
      '/api/v1/me/contacts/groups/:name',
      'Rename a group',
      'Keeps its place and its members. Renaming to its own name changes nothing.',
      [...BODY_ERRORS, 'ST_ERR_NOT_FOUND', 'ST_ERR_CONFLICT'],
    ),
    params: ContactGroupParams,
    body: RenameContactGroupRequest,
    handler: ({ login, params, body }) =>
      write(login, async () => ({ op: 'renameGroup', name: params.name, newName: body.name })),
  });

  defineRoute(app, context, {
    ...writeRoute(
      'DELETE',
      '/api/v1/me/contacts/groups/:name',
      'Delete a group',
      'Deletes the group with its members.',
      ['ST_ERR_VALIDATION', 'ST_ERR_NOT_FOUND'],
    ),
    params: ContactGroupParams,
    handler: ({ login, params }) => write(login, async () => ({ op: 'deleteGroup', name: params.name })),
  });

  defineRoute(app, context, {
    ...writeRoute(
      'PUT',
      '/api/v1/me/contacts/groups/:name/members/:userId',
      'Add a person to a group',
      'Adds the person at the end of the group; adding someone already there changes nothing. ' +
        'Send no body. An unknown person, or one whose privacy list hides them from you, is ' +
        'ST_ERR_USER_NOT_FOUND (checked first), a missing group ST_ERR_NOT_FOUND.',
      ['ST_ERR_VALIDATION', 'ST_ERR_NOT_FOUND', 'ST_ERR_USER_NOT_FOUND', 'ST_ERR_CONTACT_LIMIT'],
    ),
    params: ContactMemberParams,
    handler: ({ login, params }) =>
      write(login, async () => {
        const member = await book.person(params.userId);
        // Hidden people do not exist for the caller, here as in search and cards.
        if (!member || !context.privacy.maySee(member.id, login!.userId)) {
          throw new ApiError('ST_ERR_USER_NOT_FOUND');
        }
        return { op: 'addMember', group: params.name, member };
      }),
  });

  defineRoute(app, context, {
    ...writeRoute(
      'DELETE',
      '/api/v1/me/contacts/groups/:name/members/:userId',
      'Remove a person from a group',
      'Removing someone who is not in the group changes nothing (also for people the directory ' +
        'no longer knows).',
      ['ST_ERR_VALIDATION', 'ST_ERR_NOT_FOUND'],
    ),
    params: ContactMemberParams,
    handler: ({ login, params }) =>
      write(login, async () => ({ op: 'removeMember', group: params.name, userId: params.userId })),
  });

  defineRoute(app, context, {
    ...writeRoute(
      'POST',
      '/api/v1/me/contacts/move',
      'Move a person between groups',
      'Moves the person to the end of `to`. Repeating a move that already happened changes nothing; ' +
        'a person in neither group, or a missing group, is ST_ERR_NOT_FOUND.',
      [...BODY_ERRORS, 'ST_ERR_NOT_FOUND', 'ST_ERR_CONTACT_LIMIT'],
    ),
    body: MoveContactRequest,
    handler: ({ login, body }) =>
      write(login, async () => ({ op: 'moveMember', userId: body.userId, from: body.from, to: body.to })),
  });

  defineRoute(app, context, {
    ...writeRoute(
      'PUT',
      '/api/v1/me/contacts/nicknames/:userId',
      'Give a contact a nickname',
      'One nickname per person in the list, whatever their groups; members carry it as `nickname`. ' +
        'The name is trimmed. A person in no group of the list is ST_ERR_NOT_FOUND; a nickname ' +
        'goes with the last group that holds the person.',
      [...BODY_ERRORS, 'ST_ERR_NOT_FOUND'],
    ),
    params: ContactNicknameParams,
    body: SetContactNicknameRequest,
    handler: ({ login, params, body }) =>
      write(login, async () => ({ op: 'setNickname', userId: params.userId, nickname: body.nickname })),
  });

  defineRoute(app, context, {
    ...writeRoute(
      'DELETE',
      '/api/v1/me/contacts/nicknames/:userId',
      "Remove a contact's nickname",
      'Removing a nickname the person does not have changes nothing; a person in no group of the ' +
        'list is ST_ERR_NOT_FOUND.',
      ['ST_ERR_VALIDATION', 'ST_ERR_NOT_FOUND'],
    ),
    params: ContactNicknameParams,
    handler: ({ login, params }) =>
      write(login, async () => ({ op: 'setNickname', userId: params.userId, nickname: null })),
  });
}
