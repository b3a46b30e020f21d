/**
 * `GET`/`PATCH /api/v1/me/preferences`: the Sametime client's options, stored per person so every
 * client of theirs behaves alike.
 */
import {
  DEFAULT_PREFERENCES,
  type ErrorCode,
  LIMITS,
  type Preferences,
  PreferencesPatchSchema,
  PreferencesSchema,
} from '@st/protocol';
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

export function preferencesRoutes(app: FastifyInstance, context: ProxyContext): void {
  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/me/preferences',
    auth: AuthMode.Required,
    doc: {
      tag: 'preferences',
      summary: 'My preferences',
      description: `Every preference, stored or default. The defaults: \`${JSON.stringify(DEFAULT_PREFERENCES)}\`.`,
      success: { status: 200, description: 'Every preference', schema: PreferencesSchema },
      errors: [],
    },
    handler: ({ login }): Promise<Preferences> => context.preferences.get(login!.userId),
  });

  defineRoute(app, context, {
    method: 'PATCH',
    url: '/api/v1/me/preferences',
    auth: AuthMode.Required,
    body: PreferencesPatchSchema,
    doc: {
      tag: 'preferences',
      summary: 'Change my preferences',
      description:
        'A JSON merge patch: the preferences named change, `null` puts one back to its default, the ' +
        'others keep their value; an unknown name is refused. Answers every preference. When ' +
        'something changed, every stream of mine gets a `preferences` event. Each person may make (privacy and preferences together) ' +
        `${LIMITS.settingsWrites} changes per ${LIMITS.settingsWriteWindowSeconds} s.`,
      success: { status: 200, description: 'Every preference after the change', schema: PreferencesSchema },
      errors: [...BODY_ERRORS, 'ST_ERR_RATE_LIMITED'],
    },
    handler: async ({ login, body }): Promise<Preferences> => {
      await context.budgets.settingsWrites.spend(login!.userId);
      return context.preferences.patch(login!.userId, body);
    },
  });
}
