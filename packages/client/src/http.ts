/**
 * The JSON API helper: one place that adds credentials, sends JSON, reads JSON and turns every
 * failure into an `StError` subclass.
 */
import { CSRF_HEADER } from '@st/protocol/core';
import { errorFromResponse, StAuthError, StError, StNetworkError, StServerError } from './errors.ts';

/** What authenticates this client's calls; the client updates it as it logs in and out. */
export interface Credentials {
  /** Sent as `Authorization: Bearer`; when absent the browser's cookie is used (`credentials: include`). */
  token: string | undefined;
  /** Sent as `x-st-csrf` on cookie-authenticated changes; learnt from `/api/v1/session` answers. */
  csrf: string | undefined;
}

/** Anything with zod's `safeParse` (kept structural so the SDK does not depend on zod's types). */
export interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

export interface HttpConfig {
  server: string;
  fetch: typeof fetch;
  credentials: Credentials;
  /** The proxy said the login is gone (401 on a call that needed one). */
  onLoginGone: () => void;
}

export interface RequestOptions<T> {
  body?: unknown;
  /** Validates a 2xx body; a body that fails it is the server's fault (`StServerError`). */
  schema?: Schema<T>;
  /** A 401 here is an answer, not a lost login (login attempts, "who am I"). */
  expectUnauthenticated?: boolean;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class Http {
  constructor(private readonly config: HttpConfig) {}

  async request<T = void>(method: string, path: string, options: RequestOptions<T> = {}): Promise<T> {
    const isLogin = method === 'POST' && path === '/api/v1/session';
    const isCookieWrite = WRITE_METHODS.has(method) && !this.config.credentials.token && !isLogin;
    // A cookie write without the CSRF token would be refused; learn it first (a reload loses it).
    if (isCookieWrite && !this.config.credentials.csrf) {
      await this.refreshCsrf();
    }
    try {
      return await this.send(method, path, options);
    } catch (error) {
      // The CSRF token can go stale when the proxy restarts or the login changes in another tab.
      if (isCookieWrite && error instanceof StError && error.code === 'ST_ERR_CSRF') {
        await this.refreshCsrf();
        return this.send(method, path, options);
      }
      throw error;
    }
  }

  private async refreshCsrf(): Promise<void> {
    try {
      await this.send('GET', '/api/v1/session', { expectUnauthenticated: true });
    } catch {
      // The write that follows reports the real problem.
    }
  }

  private async send<T>(method: string, path: string, options: RequestOptions<T>): Promise<T> {
    const { credentials } = this.config;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
    else if (WRITE_METHODS.has(method) && credentials.csrf) headers[CSRF_HEADER] = credentials.csrf;

    let response: Response;
    let text: string;
    try {
      response = await this.config.fetch(`${this.config.server}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: credentials.token ? 'omit' : 'include',
      });
      text = await response.text();
    } catch (cause) {
      const error = new StNetworkError('ST_ERR_NETWORK', 0, 'The proxy could not be reached.');
      (error as { cause?: unknown }).cause = cause;
      throw error;
    }

    const json = parseJson(text);
    this.learnCsrf(json);
    if (!response.ok) {
      const error = errorFromResponse(response.status, json, response.headers.get('retry-after'));
      const loginGone = error instanceof StAuthError && error.code !== 'ST_ERR_BAD_CREDENTIALS';
      if (loginGone && !options.expectUnauthenticated) this.config.onLoginGone();
      throw error;
    }
    if (!options.schema) return undefined as T;
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) {
      throw new StServerError(
        'ST_ERR_INTERNAL',
        response.status,
        `The proxy answered ${method} ${path} with a body the client cannot read.`,
      );
    }
    return parsed.data;
  }

  /** Session answers (login, "who am I") carry the CSRF token for cookie writes. */
  private learnCsrf(json: unknown): void {
    if (typeof json !== 'object' || json === null) return;
    const csrf = (json as { csrfToken?: unknown }).csrfToken;
    if (typeof csrf === 'string' && csrf) this.config.credentials.csrf = csrf;
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
