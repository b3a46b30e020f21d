/**
 * `GET /api/v1/directory?q=`: type-ahead over the directory. Queries shorter than
 * `LIMITS.searchMinLength` are refused by the schema; each login may search `LIMITS.searchBurst`
 * times at once and `LIMITS.searchesPerSecond` on average, which is plenty for a person typing and
 * keeps a script from walking the whole directory through the proxy.
 */
import { DirectoryQuery, DirectoryResponse, LIMITS } from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { AuthMode } from '../auth/hook.ts';
import type { Login } from '../auth/logins.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { TokenBucket } from '../stream/token-bucket.ts';
import { defineRoute } from './define.ts';

const DEFAULT_SEARCH_RESULTS = 10;
/** A refused search may try again once a token has come back. */
const RETRY_AFTER_SECONDS = Math.ceil(1 / LIMITS.searchesPerSecond);

export function directoryRoutes(app: FastifyInstance, context: ProxyContext): void {
  // Keyed by the login object, so a bucket goes away with its login.
  const budgets = new WeakMap<Login, TokenBucket>();
  const maySearch = (login: Login): boolean => {
    let bucket = budgets.get(login);
    if (!bucket) {
      bucket = new TokenBucket(LIMITS.searchesPerSecond, LIMITS.searchBurst);
      budgets.set(login, bucket);
    }
    return bucket.take();
  };

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/directory',
    auth: AuthMode.Required,
    query: DirectoryQuery,
    doc: {
      tag: 'people',
      summary: 'Search people (type-ahead)',
      description:
        `People whose name, id or e-mail contain every word of \`q\` (at least ${LIMITS.searchMinLength} characters), ` +
        `best matches first; ${DEFAULT_SEARCH_RESULTS} results unless \`limit\` says otherwise (at most ${LIMITS.searchMaxResults}). ` +
        'People whose privacy list hides them from the caller are left out. ' +
        `Each login may search ${LIMITS.searchBurst} times at once and ${LIMITS.searchesPerSecond} times a second on average; ` +
        'past that 429 with `Retry-After`.',
      success: { status: 200, description: 'Matching people', schema: DirectoryResponse },
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_RATE_LIMITED', 'ST_ERR_DIRECTORY_UNAVAILABLE'],
    },
    handler: async ({ query, login }): Promise<z.infer<typeof DirectoryResponse>> => {
      if (!maySearch(login!)) {
        throw new ApiError('ST_ERR_RATE_LIMITED', {
          message: 'Too many directory searches; wait a moment.',
          headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
        });
      }
      const limit = query.limit ?? DEFAULT_SEARCH_RESULTS;
      // People whose privacy list hides them from the caller are left out, so ask for as many more
      // as could be (only people with a restrictive list can be), within reason.
      const extra = Math.min(context.privacy.restrictiveCount, LIMITS.searchMaxResults);
      const found = await context.directory.search(query.q, limit + extra);
      const visible = found.filter((person) => context.privacy.maySee(person.id, login!.userId));
      return { people: visible.slice(0, limit) };
    },
  });
}
