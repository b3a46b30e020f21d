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
import type { ChatStorageLike } from './chat/chat-storage.ts';
import type { StChat } from './chat/chat-types.ts';
import type { StSettings } from './chat/settings-store.ts';
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
  /**
   * Read-only awareness without a login, where the proxy allows it (`ST_ANONYMOUS_AWARENESS`):
   * no token and no cookie are sent (`credentials: 'omit'`, the WebSocket offers just `st.v1`),
   * `resume()` answers `null` without asking, `login()` is refused, and the stream opens as soon
   * as someone is watched. Cards then hold `id`, `displayName` and `hasPhoto` only.
   */
  anonymous?: boolean;
  /** Default `globalThis.WebSocket`; in Node pass `WebSocket` from `ws`. */
  WebSocket?: WebSocketCtor;
  /** Default `globalThis.fetch` (looked up at each call). */
  fetch?: typeof fetch;
  /** Where last-known presence, cards and photos are kept; default IndexedDB when it exists; `false` for none. */
  storage?: CacheStorageLike | false;
  /**
   * Where chat keeps its outbox and recent history (`st-<user>-outbox`, `st-<user>-history`);
   * default IndexedDB when it exists, memory when it does not or when `storage` is `false`.
   */
  chatStorage?: ChatStorageLike;
  /**
   * How long a kept card (default 24 h) and a kept photo (default 1 h) are used without asking the
   * proxy. A stale card is still shown at once and refreshed behind it; a stale photo is
   * revalidated with `If-None-Match` (a 304 transfers no bytes).
   */
  cacheTtl?: { cardsMs?: number; photosMs?: number };
  /** Online, visibility and activity sources; default the browser's, inert in Node. */
  platform?: Partial<Platform>;
  /**
   * Share one event stream among the tabs of this browser that show the same proxy and login
   * (default `true`; it needs Web Locks and BroadcastChannel, so it happens in secure pages only).
   * One tab, elected with a Web Lock, holds the stream and passes presence, chat and the rest to
   * the others; when it closes, another takes over. `false` gives this client a stream of its own.
   */
  shareConnection?: boolean;
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
  /**
   * One person's business card (`undefined` when there is no such person); batched per tick and
   * cached: a kept card comes at once, then the proxy's if the kept one was stale and it differs.
   */
  card(userId: string): Observable<BusinessCard | undefined>;
  /**
   * An object URL (`blob:`) of the person's photo, fetched with this client's credentials and
   * kept with its ETag; `undefined` when the person has no photo or does not exist. The URL stays
   * valid until `logout()` or `close()`.
   */
  photoUrl(userId: string): Promise<string | undefined>;
  readonly myPresence$: Observable<Presence>;
  setStatus(status: SettableStatus, message?: string): Promise<void>;
  /** The contact list now (one request; `contacts$` follows it). */
  contacts(): Promise<ContactGroup[]>;
  /**
   * The contact list, loaded when first observed and replaced after every change from any tab or
   * device of the person. Errors when the first load fails (observe again to retry).
   */
  readonly contacts$: Observable<ContactGroup[]>;
  /** Each change answers with the whole list (and `contacts$` emits it). */
  createGroup(name: string): Promise<ContactGroup[]>;
  renameGroup(name: string, newName: string): Promise<ContactGroup[]>;
  /** Deletes the group with its members. */
  deleteGroup(name: string): Promise<ContactGroup[]>;
  addContact(group: string, userId: string): Promise<ContactGroup[]>;
  removeContact(group: string, userId: string): Promise<ContactGroup[]>;
  moveContact(userId: string, from: string, to: string): Promise<ContactGroup[]>;
  /** Gives a person in the list a nickname (`null` removes it); members carry it as `nickname`. */
  setNickname(userId: string, nickname: string | null): Promise<ContactGroup[]>;
  /** 1:1 and N-way chat, invitations, announcements; cleared (IndexedDB too) at logout. */
  readonly chat: StChat;
  /** Preferences and the privacy list, following changes made in other tabs and devices. */
  readonly settings: StSettings;
  searchDirectory(q: string): Promise<DirectoryPerson[]>;
  /** Manual override of idleness; normally it follows the platform's activity. */
  setIdle(idle: boolean): void;
  /** Stop everything (socket, timers, listeners) but keep the login. */
  close(): void;
}
