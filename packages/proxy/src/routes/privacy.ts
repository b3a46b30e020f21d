/**
 * `GET`/`PUT /api/v1/me/privacy`: who may see the caller. The list is enforced by the proxy
 * everywhere it shows a person (presence snapshots and changes, `GET /presence`, directory search,
 * business cards and photos); see privacy/privacy-lists.ts.
 */
import { type ErrorCode, LIMITS, type PrivacyList, PrivacyListSchema } from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import { defineRoute } from './define.ts';

const BODY_ERRORS = [
  'ST_ERR_VALIDATION',
  'ST_ERR_MALFORMED_JSON',
  'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
  'ST_ERR_BODY_TOO_LARGE',
] as const satisfies ErrorCode[];

export function privacyRoutes(app: FastifyInstance, context: ProxyContext): void {
  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/me/privacy',
    auth: AuthMode.Required,
    doc: {
      tag: 'privacy',
      summary: 'My privacy list',
      description:
        'Who may see me. Without a list of my own: `{"mode":"everybody-except","people":[]}` (everyone).',
      success: { status: 200, description: 'The privacy list', schema: PrivacyListSchema },
      errors: [],
    },
    handler: ({ login }): Promise<PrivacyList> => context.privacy.get(login!.userId),
  });

  defineRoute(app, context, {
    method: 'PUT',
    url: '/api/v1/me/privacy',
    auth: AuthMode.Required,
    body: PrivacyListSchema,
    doc: {
      tag: 'privacy',
      summary: 'Set my privacy list',
      description:
        '`everybody-except`: everyone but `people` sees my presence; `only-these`: only `people` do ' +
        '(with nobody listed, nobody does). People who may not see me see me `offline` in presence, ' +
        'do not find me in directory search and get 404 for my card and photo, exactly as for an id ' +
        'that is no person. A list that hides me from anyone also hides me from callers without a ' +
        'login. The change applies at once: watchers who lose sight of me get `offline` now, those ' +
        `who gain it my presence now. At most ${LIMITS.privacyListPeople} people; each id is kept ` +
        'once, in the order given, whether or not the directory knows it. Every stream of mine gets ' +
        `a \`privacy\` event. Each person may make (privacy and preferences together) ${LIMITS.settingsWrites} changes per ` +
        `${LIMITS.settingsWriteWindowSeconds} s.`,
      success: { status: 200, description: 'The privacy list as stored', schema: PrivacyListSchema },
      errors: [...BODY_ERRORS, 'ST_ERR_TOO_MANY_IDS', 'ST_ERR_RATE_LIMITED'],
    },
    handler: async ({ login, body }): Promise<PrivacyList> => {
      await context.budgets.settingsWrites.spend(login!.userId);
      return context.privacy.set(login!.userId, body);
    },
  });
}
