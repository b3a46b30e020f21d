import {
  type BusinessCard,
  BusinessCard as BusinessCardSchema,
  LIMITS,
  UserId,
  UsersQuery,
  UsersResponse,
} from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import type { Photo } from '../directory/types.ts';
import { ApiError } from '../errors.ts';
import { defineRoute } from './define.ts';
import { directoryRoutes } from './directory.ts';

const UserParams = z.strictObject({ id: UserId });

/**
 * Photos change rarely: the browser keeps them a day and then revalidates with the ETag (a 304
 * costs no bytes). Never kept by shared caches: they sit behind a login.
 */
const PHOTO_CACHE = 'private, max-age=86400';
/** An SVG opened directly must not run script or load anything. */
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/** Whether `If-None-Match` names the photo's ETag (weak comparison, as RFC 9110 asks for it). */
function notModified(header: string | undefined, photo: Photo): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === photo.etag;
  });
}

/** Anonymous pages see who people are, not how to reach them. */
function forCaller(card: BusinessCard, anonymous: boolean): BusinessCard {
  return anonymous ? { id: card.id, displayName: card.displayName, hasPhoto: card.hasPhoto } : card;
}

export function userRoutes(app: FastifyInstance, context: ProxyContext): void {
  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/users',
    auth: AuthMode.Awareness,
    query: UsersQuery,
    doc: {
      tag: 'people',
      summary: 'Business cards of many people',
      description: `At most ${LIMITS.usersPerRequest} ids per call (the SDK splits bigger pages). Unknown ids, and people whose privacy list hides them from the caller, are left out. Anonymous callers get id, display name and hasPhoto only.`,
      success: { status: 200, description: 'The cards', schema: UsersResponse },
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_TOO_MANY_IDS', 'ST_ERR_DIRECTORY_UNAVAILABLE'],
    },
    handler: async ({ query, login }): Promise<UsersResponse> => {
      const cards = await context.directory.getPeople(query.ids);
      const viewer = login?.userId ?? '';
      return {
        users: cards
          .filter((card) => context.privacy.maySee(card.id, viewer))
          .map((card) => forCaller(card, login === null)),
      };
    },
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/users/:id',
    auth: AuthMode.Awareness,
    params: UserParams,
    doc: {
      tag: 'people',
      summary: "A person's business card",
      description:
        'A person whose privacy list hides them from the caller is ST_ERR_USER_NOT_FOUND, exactly as ' +
        'an id that is no person.',
      success: { status: 200, description: 'The card', schema: BusinessCardSchema },
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_USER_NOT_FOUND', 'ST_ERR_DIRECTORY_UNAVAILABLE'],
    },
    handler: async ({ params, login }): Promise<BusinessCard> => {
      const [card] = await context.directory.getPeople([params.id]);
      if (!card || !context.privacy.maySee(card.id, login?.userId ?? '')) {
        throw new ApiError('ST_ERR_USER_NOT_FOUND');
      }
      return forCaller(card, login === null);
    },
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/users/:id/photo',
    auth: AuthMode.Awareness,
    params: UserParams,
    doc: {
      tag: 'people',
      summary: "A person's photo",
      description:
        'The image bytes (JPEG, PNG, … as the directory holds them) with a strong ETag and ' +
        '`Cache-Control: private, max-age=86400`; send `If-None-Match` to get 304 when it has not ' +
        'changed. 404 when the person is unknown, hidden from the caller by their privacy list, or ' +
        'has no photo (draw initials instead); cards say `hasPhoto`.',
      success: { status: 200, description: 'The photo', contentType: 'image/*' },
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_USER_NOT_FOUND', 'ST_ERR_DIRECTORY_UNAVAILABLE'],
    },
    handler: async ({ params, request, reply, login }) => {
      const visible = context.privacy.maySee(params.id, login?.userId ?? '');
      const photo = visible ? await context.directory.photo(params.id) : null;
      if (!photo)
        throw new ApiError('ST_ERR_USER_NOT_FOUND', { message: 'There is no photo of this person.' });
      reply
        .header('etag', photo.etag)
        .header('cache-control', PHOTO_CACHE)
        .header('x-content-type-options', 'nosniff')
        .header('vary', 'authorization, cookie');
      if (photo.contentType === 'image/svg+xml') reply.header('content-security-policy', SVG_POLICY);
      if (notModified(request.headers['if-none-match'], photo)) return reply.code(304).send();
      return reply.type(photo.contentType).send(photo.bytes);
    },
  });

  directoryRoutes(app, context);
}
