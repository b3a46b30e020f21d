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
  /** Send no credentials at all: no token, no cookie (read-only awareness without a login). */
  anonymous?: boolean;
}

/** A binary answer: the bytes of a 200, or just the status of a 304 or 404. */
export interface BytesAnswer {
  status: 200 | 304 | 404;
  etag: string;
  contentType: string;
  bytes: ArrayBuffer | null;
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
    const { token, anonymous } = this.config.credentials;
    const isCookieWrite = WRITE_METHODS.has(method) && !token && !anonymous && !isLogin;
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

  /**
   * `GET` of something that is not JSON (a photo), with this client's credentials: a page's
   * `<img src>` could not send a Bearer header, nor a cookie to another site. 304 and 404 are
   * answers, not errors; anything else that is not a 200 throws an `StError`.
   */
  async getBytes(path: string, ifNoneMatch?: string): Promise<BytesAnswer> {
    const headers: Record<string, string> = { accept: 'image/*' };
    if (ifNoneMatch) headers['if-none-match'] = ifNoneMatch;
    let response: Response;
    try {
      response = await this.config.fetch(`${this.config.server}${path}`, this.init('GET', headers));
    } catch (cause) {
      throw networkError(cause);
    }
    const etag = response.headers.get('etag') ?? '';
    const contentType = response.headers.get('content-type') ?? '';
    if (response.status === 304 || response.status === 404) {
      void response.body?.cancel().catch(() => undefined);
      return { status: response.status, etag, contentType, bytes: null };
    }
    let bytes: ArrayBuffer;
    let text = '';
    try {
      if (response.ok) bytes = await response.arrayBuffer();
      else text = await response.text();
    } catch (cause) {
      throw networkError(cause);
    }
    if (!response.ok) throw this.failure(response, parseJson(text), {});
    return { status: 200, etag, contentType, bytes: bytes! };
  }

  /** The fetch options for this client's credentials (Bearer, cookie, or none when anonymous). */
  private init(method: string, headers: Record<string, string>, body?: string): RequestInit {
    const { credentials } = this.config;
    if (!credentials.anonymous && credentials.token) headers.authorization = `Bearer ${credentials.token}`;
    const omit = credentials.anonymous || credentials.token;
    return { method, headers, body, credentials: omit ? 'omit' : 'include' };
  }

  private failure(response: Response, json: unknown, options: RequestOptions<unknown>): StError {
    const error = errorFromResponse(response.status, json, response.headers.get('retry-after'));
    const loginGone = error instanceof StAuthError && error.code !== 'ST_ERR_BAD_CREDENTIALS';
    if (loginGone && !options.expectUnauthenticated && !this.config.credentials.anonymous) {
      this.config.onLoginGone();
    }
    return error;
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
    const cookieWrite = !credentials.token && !credentials.anonymous && WRITE_METHODS.has(method);
    if (cookieWrite && credentials.csrf) headers[CSRF_HEADER] = credentials.csrf;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);

    let response: Response;
    let text: string;
    try {
      response = await this.config.fetch(`${this.config.server}${path}`, this.init(method, headers, body));
      text = await response.text();
    } catch (cause) {
      throw networkError(cause);
    }

    const json = parseJson(text);
    this.learnCsrf(json);
    if (!response.ok) throw this.failure(response, json, options);
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

function networkError(cause: unknown): StNetworkError {
  const error = new StNetworkError('ST_ERR_NETWORK', 0, 'The proxy could not be reached.');
  (error as { cause?: unknown }).cause = cause;
  return error;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
