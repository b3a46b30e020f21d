/**
 * The System Console's way to the proxy: the login of the hosted client (the same cookie session)
 * and the admin API. Failures become the SDK's error classes, so the login form words them as the
 * hosted client does. No event stream is opened: the console polls what it shows.
 */
import {
  StAuthError,
  StConflictError,
  type StError,
  type StErrorCode,
  StForbiddenError,
  StNetworkError,
  StNotFoundError,
  StRateLimitError,
  StServerError,
  StValidationError,
} from '@st/client';
import {
  type AdminHealthResponse,
  type AdminNodesResponse,
  type AdminSessionsResponse,
  CSRF_HEADER,
  type DirectoryPerson,
  type EndSessionsResponse,
  isErrorCode,
  type SessionInfo,
} from '@st/protocol/core';
import { BehaviorSubject, type Observable } from 'rxjs';
import type { SessionClient } from '../session/session-flow.ts';
import type { SignedInUser } from '../session/session-view.ts';

function errorOf(status: number, body: unknown, retryAfter: string | null): StError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code: StErrorCode = isErrorCode(error?.code) ? error.code : 'ST_ERR_INTERNAL';
  const message = typeof error?.message === 'string' ? error.message : `The proxy answered ${status}.`;
  if (status === 401) return new StAuthError(code, status, message);
  if (status === 403) return new StForbiddenError(code, status, message);
  if (status === 404) return new StNotFoundError(code, status, message);
  if (status === 409) return new StConflictError(code, status, message);
  if (status === 429) {
    const seconds = Number(retryAfter);
    return new StRateLimitError(code, status, message, Number.isFinite(seconds) ? seconds * 1000 : undefined);
  }
  if (status >= 400 && status < 500) return new StValidationError(code, status, message);
  return new StServerError(code, status, message);
}

export class AdminClient implements SessionClient {
  readonly #state = new BehaviorSubject<{ status: string }>({ status: 'idle' });
  #csrf: string | undefined;

  constructor(private readonly server = '') {}

  get state$(): Observable<{ status: string }> {
    return this.#state.asObservable();
  }

  async #send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.#csrf) headers[CSRF_HEADER] = this.#csrf;
    let response: Response;
    try {
      response = await fetch(`${this.server}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new StNetworkError('ST_ERR_NETWORK', 0, 'The proxy cannot be reached.');
    }
    const text = await response.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a gateway's page): the status says enough.
    }
    if (!response.ok) throw errorOf(response.status, json, response.headers.get('retry-after'));
    return json as T;
  }

  /** An admin call: a 401 there means the session ended, which the session flow hears. */
  async #admin<T>(method: string, path: string): Promise<T> {
    try {
      return await this.#send<T>(method, `/api/v1/admin${path}`);
    } catch (error) {
      if (error instanceof StAuthError) this.#state.next({ status: 'unauthenticated' });
      throw error;
    }
  }

  async resume(): Promise<SignedInUser | null> {
    try {
      const info = await this.#send<SessionInfo>('GET', '/api/v1/session');
      this.#csrf = info.csrfToken;
      this.#state.next({ status: 'connected' });
      return info.user;
    } catch (error) {
      if (error instanceof StAuthError) return null;
      throw error;
    }
  }

  async login(userId: string, password: string): Promise<SignedInUser> {
    const info = await this.#send<SessionInfo>('POST', '/api/v1/session', {
      userId,
      password,
      client: 'web',
    });
    this.#csrf = info.csrfToken;
    this.#state.next({ status: 'connected' });
    return info.user;
  }

  async logout(): Promise<void> {
    try {
      await this.#send<void>('DELETE', '/api/v1/session');
    } finally {
      this.#csrf = undefined;
      this.#state.next({ status: 'idle' });
    }
  }

  nodes(): Promise<AdminNodesResponse> {
    return this.#admin('GET', '/nodes');
  }

  health(): Promise<AdminHealthResponse> {
    return this.#admin('GET', '/health');
  }

  drain(nodeId: string): Promise<void> {
    return this.#admin('POST', `/nodes/${encodeURIComponent(nodeId)}/drain`);
  }

  sessions(userId: string): Promise<AdminSessionsResponse> {
    return this.#admin('GET', `/people/${encodeURIComponent(userId)}/sessions`);
  }

  endSession(userId: string, sessionId: string): Promise<EndSessionsResponse> {
    return this.#admin(
      'DELETE',
      `/people/${encodeURIComponent(userId)}/sessions/${encodeURIComponent(sessionId)}`,
    );
  }

  endAllSessions(userId: string): Promise<EndSessionsResponse> {
    return this.#admin('DELETE', `/people/${encodeURIComponent(userId)}/sessions`);
  }

  async searchPeople(query: string): Promise<DirectoryPerson[]> {
    const answer = await this.#send<{ people: DirectoryPerson[] }>(
      'GET',
      `/api/v1/directory?q=${encodeURIComponent(query)}`,
    );
    return answer.people;
  }
}
