/**
 * `GET /api/v1/directory?q=`: type-ahead over the directory. Queries shorter than
 * `LIMITS.searchMinLength` are refused by the schema; each person may search `LIMITS.searchBurst`
 * times at once and `LIMITS.searchesPerSecond` on average, which is plenty for a person typing and
 * keeps a script from walking the whole directory through the proxy.
 */
import { DirectoryQuery, DirectoryResponse, LIMITS } from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import { defineRoute } from './define.ts';

const DEFAULT_SEARCH_RESULTS = 10;

export function directoryRoutes(app: FastifyInstance, context: ProxyContext): void {
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
        `Each person (all their logins together) may search ${LIMITS.searchBurst} times at once and ${LIMITS.searchesPerSecond} times a second on average; ` +
        'past that 429 with `Retry-After`.',
      success: { status: 200, description: 'Matching people', schema: DirectoryResponse },
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_RATE_LIMITED', 'ST_ERR_DIRECTORY_UNAVAILABLE'],
    },
    handler: async ({ query, login }): Promise<z.infer<typeof DirectoryResponse>> => {
      await context.budgets.search.spend(login!.userId);
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
