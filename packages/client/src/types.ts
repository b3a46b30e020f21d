/** The SDK's public types: options, the client, and the WebSocket shape it needs. */
import type {
  BusinessCard,
  ContactGroup,
  DirectoryPerson,
  Presence,
  SettableStatus,
  UserSummary,
} from '@st/protocol/core';
import type { Observable } from 'rxjs';
import type { CacheStorageLike } from './cache-storage.ts';
import type { ConnectionState } from './connection-state.ts';
import type { Platform } from './platform.ts';

/**
 * The part of a WebSocket the SDK uses; both the browser's `WebSocket` and Node's `ws` fit.
 * Handler parameters are `never` so either library's own event types are accepted.
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
}
export type WebSocketCtor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface ReconnectOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface ClientOptions {
  /** The proxy's origin (and path prefix, if any); default: the page's origin. */
  server?: string;
  /** Bearer mode. Without it the browser's cookie is used (with the CSRF header on changes). */
  token?: string;
  /** Default `globalThis.WebSocket`; in Node pass `WebSocket` from `ws`. */
  WebSocket?: WebSocketCtor;
  /** Default `globalThis.fetch` (looked up at each call). */
  fetch?: typeof fetch;
  /** Where last-known presence and cards are kept; default IndexedDB when it exists; `false` for none. */
  storage?: CacheStorageLike | false;
  /** Online, visibility and activity sources; default the browser's, inert in Node. */
  platform?: Partial<Platform>;
  /** Report idle after this long without activity (default 10 minutes). */
  idleAfterMs?: number;
  /** Sent with the login: `mobile` makes a mobile session. */
  client?: 'web' | 'mobile';
  reconnect?: ReconnectOptions;
  /**
   * Keep the token a login returns and send it as a Bearer header instead of relying on the
   * session cookie. Default: `true` where there is no `document` (Node: no cookie jar), else
   * `false`. Set it in shells whose pages are cross-site to the proxy (a Capacitor app).
   */
  useLoginToken?: boolean;
}

export interface StClient {
  readonly server: string;
  /** The connection state; replays the current state to new subscribers. */
  readonly state$: Observable<ConnectionState>;
  readonly user$: Observable<UserSummary | null>;
  readonly user: UserSummary | null;
  login(userId: string, password: string): Promise<UserSummary>;
  loginWithAssertion(jwt: string): Promise<UserSummary>;
  /** Who am I (by cookie or token): `null` when there is no valid login. */
  resume(): Promise<UserSummary | null>;
  logout(): Promise<void>;
  /** One person's presence: the last known value at once, then live changes. Shared per person. */
  presence(userId: string): Observable<Presence>;
  /** One person's business card (`undefined` when there is no such person); batched per tick. */
  card(userId: string): Observable<BusinessCard | undefined>;
  readonly myPresence$: Observable<Presence>;
  setStatus(status: SettableStatus, message?: string): Promise<void>;
  contacts(): Promise<ContactGroup[]>;
  searchDirectory(q: string): Promise<DirectoryPerson[]>;
  /** Manual override of idleness; normally it follows the platform's activity. */
  setIdle(idle: boolean): void;
  /** Stop everything (socket, timers, listeners) but keep the login. */
  close(): void;
}
