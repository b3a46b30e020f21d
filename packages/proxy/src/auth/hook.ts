import { CSRF_HEADER } from '@st/protocol';
import type { FastifyRequest } from 'fastify';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { CredentialSource, readCredentials } from './credentials.ts';
import { secretsEqual } from './tokens.ts';

/**
 * Who may call a route:
 * - `none`: anyone, credentials are not looked at (logging in);
 * - `required`: a live login;
 * - `awareness`: a live login, or nobody when ST_ANONYMOUS_AWARENESS is on (read-only presence);
 * - `optional`: a live login when the credentials are good, else nobody (logging out is idempotent).
 */
export const AuthMode = {
  None: 'none',
  Required: 'required',
  Awareness: 'awareness',
  Optional: 'optional',
} as const;
export type AuthMode = (typeof AuthMode)[keyof typeof AuthMode];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authHook(context: ProxyContext, mode: AuthMode, options: { queryToken?: boolean } = {}) {
  return async (request: FastifyRequest): Promise<void> => {
    request.login = null;
    if (mode === AuthMode.None) return;
    const query = request.query as Record<string, unknown> | undefined;
    const queryToken =
      options.queryToken && typeof query?.access_token === 'string' ? query.access_token : undefined;
    const credentials = readCredentials({ headers: request.headers, cookies: request.cookies, queryToken });
    if (credentials === null) {
      if (mode === AuthMode.Optional) return;
      if (mode === AuthMode.Awareness && context.config.anonymousAwareness) return;
      throw new ApiError('ST_ERR_UNAUTHENTICATED');
    }
    const login = credentials.token ? context.logins.find(credentials.token) : null;
    if (!login) {
      if (mode === AuthMode.Optional) return;
      throw new ApiError('ST_ERR_UNAUTHENTICATED');
    }
    // A page on another site can make the browser send the cookie, but cannot read the CSRF token.
    if (credentials.source === CredentialSource.Cookie && !SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !secretsEqual(header, login.csrfToken))
        throw new ApiError('ST_ERR_CSRF');
    }
    context.logins.touch(login);
    request.login = login;
  };
}
