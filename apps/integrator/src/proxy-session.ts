/**
 * How the intranet's server gets its viewer a login on the proxy: it mints a single sign-on
 * assertion for them and exchanges it itself (`POST /api/v1/session {"assertion"}`), handing the
 * page only the resulting token for `<st-session token>`. The token is kept per viewer and used
 * again while the proxy still accepts it. When there is no viewer, no shared secret, or the proxy
 * refuses, the page falls back to anonymous awareness and says why.
 */
import { mintAssertion } from './assertion.ts';
import type { IntegratorConfig } from './config.ts';

export interface ProxyUser {
  id: string;
  displayName: string;
}

export type ViewerSession =
  | { kind: 'token'; token: string; user: ProxyUser }
  | { kind: 'anonymous'; why: string };

const anonymous = (why: string): ViewerSession => ({ kind: 'anonymous', why });

interface LoginAnswer {
  token: string;
  user: ProxyUser;
}

export class ProxySessions {
  readonly #logins = new Map<string, LoginAnswer>();

  constructor(private readonly config: IntegratorConfig) {}

  /** An assertion for the viewer, for a page that hands it to the browser (the Links Toolkit page). */
  async assertionFor(viewer: string): Promise<string | undefined> {
    const { ssoSecret, ssoAudience, ssoIssuer } = this.config;
    if (!ssoSecret) return undefined;
    return mintAssertion(viewer, { secret: ssoSecret, audience: ssoAudience, issuer: ssoIssuer });
  }

  async forViewer(viewer: string | undefined): Promise<ViewerSession> {
    if (!viewer) return anonymous('You are not signed in to the intranet');
    const kept = this.#logins.get(viewer);
    if (kept && (await this.#stillValid(kept.token))) return { kind: 'token', ...kept };
    const assertion = await this.assertionFor(viewer);
    if (!assertion) return anonymous('Single sign-on with the proxy is not set up (ST_SSO_SECRET)');
    let response: Response;
    try {
      response = await fetch(`${this.config.proxyUrl}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ assertion }),
      });
    } catch {
      return anonymous('The proxy cannot be reached');
    }
    if (response.status !== 201) {
      const body = (await response.json().catch(() => undefined)) as
        | { error?: { code?: string } }
        | undefined;
      return anonymous(`The proxy refused the sign-on (${body?.error?.code ?? response.status})`);
    }
    const login = (await response.json()) as LoginAnswer;
    this.#logins.set(viewer, { token: login.token, user: login.user });
    return { kind: 'token', token: login.token, user: login.user };
  }

  /** Forgets the viewer's login and ends it on the proxy (the intranet's sign-out). */
  async signOut(viewer: string): Promise<void> {
    const kept = this.#logins.get(viewer);
    this.#logins.delete(viewer);
    if (!kept) return;
    await fetch(`${this.config.proxyUrl}/api/v1/session`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${kept.token}` },
    }).catch(() => undefined);
  }

  async #stillValid(token: string): Promise<boolean> {
    try {
      const response = await fetch(`${this.config.proxyUrl}/api/v1/session`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return response.ok;
    } catch {
      return false;
    }
  }
}
