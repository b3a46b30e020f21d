import {
  LIMITS,
  LoginRequest,
  LoginResponse,
  SESSION_COOKIE,
  SessionInfo,
  type UserSummary,
} from '@st/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CredentialSource } from '../auth/credentials.ts';
import { AuthMode } from '../auth/hook.ts';
import { type Login, LoginEnd } from '../auth/logins.ts';
import { AssertionLogin } from '../auth/sso-login.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { forwardedHttps } from '../limits/address.ts';
import { defineRoute } from './define.ts';

const TAG = 'session';

function sessionInfo(login: Login): SessionInfo {
  return {
    user: login.user,
    expiresAt: new Date(login.expiresAt).toISOString(),
    csrfToken: login.csrfToken,
  };
}

function setSessionCookie(
  context: ProxyContext,
  request: FastifyRequest,
  reply: FastifyReply,
  login: Login,
): void {
  reply.setCookie(SESSION_COOKIE, login.token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    // HTTPS here, or at a load balancer listed in ST_TRUST_PROXY (X-Forwarded-Proto: https).
    secure: context.secure || forwardedHttps(request.raw, context.trust),
    maxAge: context.config.sessionTtlSeconds,
  });
}

/** The person whose password this is, within the login limits; throws an ApiError otherwise. */
async function checkPassword(
  context: ProxyContext,
  userId: string,
  password: string,
  address: string,
): Promise<UserSummary> {
  let user: UserSummary | null;
  try {
    user = await context.loginAttempts.attempt(userId, address, () =>
      context.directory.authenticate(userId, password),
    );
  } catch (error) {
    if (error instanceof ApiError && error.code === 'ST_ERR_RATE_LIMITED')
      context.metrics.logins.inc({ result: 'rate_limited' });
    throw error;
  }
  if (!user) {
    context.metrics.logins.inc({ result: 'bad_credentials' });
    throw new ApiError('ST_ERR_BAD_CREDENTIALS');
  }
  return user;
}

export function sessionRoutes(app: FastifyInstance, context: ProxyContext): void {
  // Built here so a bad single sign-on setting stops start-up before the proxy listens.
  const assertions = new AssertionLogin(context);

  defineRoute(app, context, {
    method: 'POST',
    url: '/api/v1/session',
    auth: AuthMode.None,
    body: LoginRequest,
    doc: {
      tag: TAG,
      summary: 'Log in',
      description:
        'Exchanges a user id and password, or a single sign-on assertion (a JWT whose `sub` is the ' +
        'user id, see docs/sso.md), for a token, and sets the HttpOnly `st_session` cookie. ' +
        `Password attempts are limited to ${LIMITS.loginAttempts} per ${LIMITS.loginWindowSeconds} s per user id and address, ` +
        `${LIMITS.loginAttemptsPerAddress} per ${LIMITS.loginAddressWindowSeconds} s per address and ` +
        `${LIMITS.loginAttemptsPerPerson} per ${LIMITS.loginPersonWindowSeconds} s per user id (docs/security.md); ` +
        `a person holds at most ${LIMITS.loginsPerPerson} logins at once.`,
      success: { status: 201, description: 'Logged in', schema: LoginResponse },
      errors: [
        'ST_ERR_VALIDATION',
        'ST_ERR_MALFORMED_JSON',
        'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
        'ST_ERR_BODY_TOO_LARGE',
        'ST_ERR_BAD_CREDENTIALS',
        'ST_ERR_RATE_LIMITED',
        'ST_ERR_TOO_MANY_LOGINS',
        'ST_ERR_DIRECTORY_UNAVAILABLE',
        'ST_ERR_SSO_NOT_CONFIGURED',
        'ST_ERR_SSO_MALFORMED',
        'ST_ERR_SSO_ALGORITHM',
        'ST_ERR_SSO_SIGNATURE',
        'ST_ERR_SSO_MISSING_CLAIM',
        'ST_ERR_SSO_EXPIRED',
        'ST_ERR_SSO_TOO_OLD',
        'ST_ERR_SSO_NOT_YET_VALID',
        'ST_ERR_SSO_AUDIENCE',
        'ST_ERR_SSO_ISSUER',
        'ST_ERR_SSO_REPLAYED',
        'ST_ERR_SSO_UNKNOWN_USER',
        'ST_ERR_SSO_KEYS_UNAVAILABLE',
        'ST_ERR_DRAINING',
      ],
    },
    handler: async ({ body, request, reply }) => {
      // A login is where a client settles on a proxy: a draining one sends it to another (a
      // balancer retries the refused request elsewhere) rather than start what it would hand over.
      if (context.state.draining) throw new ApiError('ST_ERR_DRAINING', { headers: { 'retry-after': '1' } });
      const user =
        'assertion' in body
          ? await assertions.exchange(body.assertion, request.log)
          : await checkPassword(context, body.userId, body.password, request.ip);
      context.metrics.logins.inc({ result: 'success' });
      const login = context.logins.create(user, body.client === 'mobile', request.headers['user-agent']);
      // In a cluster the token must work on every proxy before the client has it.
      await login.saved;
      setSessionCookie(context, request, reply, login);
      request.log.info({ userId: user.id, mobile: login.mobile, sso: 'assertion' in body }, 'login');
      const answer: LoginResponse = { token: login.token, ...sessionInfo(login) };
      return reply.code(201).send(answer);
    },
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/session',
    auth: AuthMode.Required,
    doc: {
      tag: TAG,
      summary: 'Who is logged in',
      description:
        'The hosted client calls this after a reload; when the cookie was the credential it also ' +
        'renews the cookie (a Bearer token never sets one).',
      success: { status: 200, description: 'The session', schema: SessionInfo },
      errors: [],
    },
    handler: ({ login, request, reply }) => {
      // Only the cookie's own login is renewed: a listed origin holding a token must not be able
      // to plant that login in the browser as its cookie.
      if (request.credentialSource === CredentialSource.Cookie)
        setSessionCookie(context, request, reply, login!);
      return sessionInfo(login!);
    },
  });

  defineRoute(app, context, {
    method: 'DELETE',
    url: '/api/v1/session',
    auth: AuthMode.Optional,
    doc: {
      tag: TAG,
      summary: 'Log out',
      description:
        'Ends the login: its streams close with 1000 and the person goes offline at once if it was their last session. Answers 204 also when the session had already ended.',
      success: { status: 204, description: 'Logged out' },
      errors: ['ST_ERR_CSRF'],
    },
    handler: ({ login, reply }) => {
      if (login) context.logins.end(login, LoginEnd.Logout);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  });
}
