import { CSRF_HEADER } from '@st/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAdmin } from '../admin/admins.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { addressKey } from '../limits/address.ts';
import type { Admission } from './anonymous.ts';
import { CredentialSource, readCredentials } from './credentials.ts';
import { secretsEqual } from './tokens.ts';

/**
 * Who may call a route:
 * - `none`: anyone, credentials are not looked at (logging in);
 * - `required`: a live login;
 * - `awareness`: a live login, or nobody when ST_ANONYMOUS_AWARENESS is on (read-only presence);
 * - `optional`: a live login when the credentials are good, else nobody (logging out is idempotent);
 * - `admin`: a live login of a person listed in ST_ADMINS (the admin API), else 403 ST_ERR_NOT_ADMIN.
 */
export const AuthMode = {
  None: 'none',
  Required: 'required',
  Awareness: 'awareness',
  Optional: 'optional',
  Admin: 'admin',
} as const;
export type AuthMode = (typeof AuthMode)[keyof typeof AuthMode];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthHookOptions {
  /** The token may come as `access_token` in the query (EventSource). */
  queryToken?: boolean;
  /** The route holds its answer open (an event stream): anonymous callers use a stream slot. */
  streaming?: boolean;
}

/**
 * An anonymous caller of an awareness route, within its address's budgets: requests per minute,
 * and for event streams a slot held until the connection closes.
 */
async function admitAnonymous(
  context: ProxyContext,
  request: FastifyRequest,
  reply: FastifyReply,
  streaming: boolean,
): Promise<void> {
  const guard = context.anonymous;
  const address = addressKey(request.ip);
  let admission: Admission = await guard.admitRequest(address);
  if (admission.ok && streaming) {
    const slot = guard.openStream(address);
    if (slot.ok) reply.raw.once('close', slot.release);
    admission = slot;
  }
  if (!admission.ok) {
    throw new ApiError('ST_ERR_RATE_LIMITED', {
      message: `Too many requests without a login: ${admission.reason}. Try again in ${admission.retryAfterSeconds} s.`,
      headers: { 'retry-after': String(admission.retryAfterSeconds) },
    });
  }
}

/** The login of a token; a cluster whose session store is away answers 503, never "log in again". */
async function resolveLogin(context: ProxyContext, token: string) {
  try {
    return await context.logins.resolve(token);
  } catch {
    throw new ApiError('ST_ERR_COMMUNITY_UNAVAILABLE');
  }
}

export function authHook(context: ProxyContext, mode: AuthMode, options: AuthHookOptions = {}) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.login = null;
    request.credentialSource = null;
    if (mode === AuthMode.None) return;
    const query = request.query as Record<string, unknown> | undefined;
    const queryToken =
      options.queryToken && typeof query?.access_token === 'string' ? query.access_token : undefined;
    const credentials = readCredentials({ headers: request.headers, cookies: request.cookies, queryToken });
    if (credentials === null) {
      if (mode === AuthMode.Optional) return;
      const anonymousAllowed = context.config.anonymousAwareness;
      if (mode === AuthMode.Awareness && anonymousAllowed) {
        await admitAnonymous(context, request, reply, options.streaming ?? false);
        return;
      }
      throw new ApiError(
        'ST_ERR_UNAUTHENTICATED',
        anonymousAllowed
          ? { message: 'Without a login this proxy only shows presence and names; log in to do this.' }
          : {},
      );
    }
    const login = credentials.token ? await resolveLogin(context, credentials.token) : null;
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
    if (mode === AuthMode.Admin && !isAdmin(context, login.userId)) throw new ApiError('ST_ERR_NOT_ADMIN');
    context.logins.touch(login);
    request.login = login;
    request.credentialSource = credentials.source;
  };
}
