import {
  LIMITS,
  LoginRequest,
  LoginResponse,
  SESSION_COOKIE,
  SessionInfo,
  type UserSummary,
} from '@st/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AuthMode } from '../auth/hook.ts';
import { type Login, LoginEnd } from '../auth/logins.ts';
import { AssertionLogin } from '../auth/sso-login.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { defineRoute } from './define.ts';

const TAG = 'session';

function sessionInfo(login: Login): SessionInfo {
  return {
    user: login.user,
    expiresAt: new Date(login.expiresAt).toISOString(),
    csrfToken: login.csrfToken,
  };
}

function setSessionCookie(context: ProxyContext, reply: FastifyReply, login: Login): void {
  reply.setCookie(SESSION_COOKIE, login.token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: context.secure,
    maxAge: context.config.sessionTtlSeconds,
  });
}

/** The person whose password this is, within the failed-login limits; throws an ApiError otherwise. */
async function checkPassword(
  context: ProxyContext,
  userId: string,
  password: string,
  address: string,
): Promise<UserSummary> {
  const keys = [`user:${userId}`, `ip:${address}`];
  const wait = context.limiter.retryAfterSeconds(keys);
  if (wait > 0) {
    context.metrics.logins.inc({ result: 'rate_limited' });
    throw new ApiError('ST_ERR_RATE_LIMITED', {
      message: `Too many failed logins; try again in ${wait} s.`,
      headers: { 'retry-after': String(wait) },
    });
  }
  const user = await context.directory.authenticate(userId, password);
  if (!user) {
    context.limiter.fail(keys);
    context.metrics.logins.inc({ result: 'bad_credentials' });
    throw new ApiError('ST_ERR_BAD_CREDENTIALS');
  }
  context.limiter.reset(keys[0]!);
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
        `Failed logins are limited to ${LIMITS.loginAttempts} per ${LIMITS.loginWindowSeconds} s per user id and per address.`,
      success: { status: 201, description: 'Logged in', schema: LoginResponse },
      errors: [
        'ST_ERR_VALIDATION',
        'ST_ERR_MALFORMED_JSON',
        'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
        'ST_ERR_BODY_TOO_LARGE',
        'ST_ERR_BAD_CREDENTIALS',
        'ST_ERR_RATE_LIMITED',
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
      ],
    },
    handler: async ({ body, request, reply }) => {
      const user =
        'assertion' in body
          ? await assertions.exchange(body.assertion, request.log)
          : await checkPassword(context, body.userId, body.password, request.ip);
      context.metrics.logins.inc({ result: 'success' });
      const login = context.logins.create(user, body.client === 'mobile');
      // In a cluster the token must work on every proxy before the client has it.
      await login.saved;
      setSessionCookie(context, reply, login);
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
      description: 'The hosted client calls this after a reload; it also renews the cookie.',
      success: { status: 200, description: 'The session', schema: SessionInfo },
      errors: [],
    },
    handler: ({ login, reply }) => {
      setSessionCookie(context, reply, login!);
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
