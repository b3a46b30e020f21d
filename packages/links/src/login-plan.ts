/**
 * What `writeSTLinksApplet(loginName, passwordOrToken, isByToken)` asks for, in the proxy's terms.
 *
 * - a login name and a password → a password login;
 * - `isByToken` with a JWT (three dot-separated parts) → a single sign-on assertion, the successor
 *   of the LTPA and Sametime tokens an integrator's server used to hand the page;
 * - `isByToken` with anything else → a proxy token from `POST /api/v1/session`;
 * - an empty login name without a token → anonymous awareness, as the toolkit's guest login was.
 * Without any call, the proxy's session cookie is used when the browser sends it.
 */
import type { ClientOptions } from '@st/client';
import { isTruthyArgument } from './options.ts';

export type LoginPlan =
  | { kind: 'cookie' }
  | { kind: 'password'; userId: string; password: string }
  | { kind: 'assertion'; assertion: string }
  | { kind: 'token'; token: string }
  | { kind: 'anonymous' };

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function planLogin(loginName: unknown, key: unknown, isByToken: unknown): LoginPlan {
  const name = typeof loginName === 'string' ? loginName.trim() : '';
  const secret = typeof key === 'string' ? key.trim() : '';
  if (isTruthyArgument(isByToken) && secret) {
    return JWT.test(secret) ? { kind: 'assertion', assertion: secret } : { kind: 'token', token: secret };
  }
  if (!name) return { kind: 'anonymous' };
  return { kind: 'password', userId: name, password: typeof key === 'string' ? key : '' };
}

/**
 * The SDK options for a plan. Logins keep their token and send it as Bearer: the page is usually on
 * another site than the proxy, where the proxy's SameSite cookie would not travel.
 */
export function clientOptionsFor(plan: LoginPlan, server: string): ClientOptions {
  switch (plan.kind) {
    case 'cookie':
      return { server };
    case 'token':
      return { server, token: plan.token };
    case 'anonymous':
      return { server, anonymous: true };
    default:
      return { server, useLoginToken: true };
  }
}
