/**
 * `createClient`: wires the HTTP helper, the event stream, presence, cards, idleness and the cache
 * into one `StClient`.
 *
 * When the stream opens: while a login may exist (a token was given, a login or resume succeeded,
 * or — in cookie mode — nobody has said otherwise yet) and someone subscribes to `presence()` or
 * `myPresence$`. It then stays open until `logout()`, `close()` or a lost login, so a page that
 * briefly shows no names does not make its user flap offline.
 */
import {
  type BusinessCard,
  LIMITS,
  type Presence,
  type SessionInfo,
  type SettableStatus,
  type UserSummary,
  WS_BEARER_PREFIX,
  WS_PROTOCOL,
} from '@st/protocol/core';
import {
  BehaviorSubject,
  distinctUntilChanged,
  EMPTY,
  filter,
  map,
  merge,
  Observable,
  Subscription,
  switchMap,
} from 'rxjs';
import { Backoff } from './backoff.ts';
import { type CacheStorageLike, defaultStorage } from './cache-storage.ts';
import { CardLoader } from './card-loader.ts';
import { type ConnectionState, ConnectionStatus, StateCode } from './connection-state.ts';
import { StAuthError } from './errors.ts';
import { type Credentials, Http } from './http.ts';
import { IdleTracker } from './idle-tracker.ts';
import { browserPlatform, canTrackActivity, type Platform } from './platform.ts';
import { PresenceHub } from './presence-hub.ts';
import {
  ContactsResponseShape,
  DirectoryResponseShape,
  LoginResponseShape,
  SessionInfoShape,
  UsersResponseShape,
} from './response-shapes.ts';
import { StreamConnection } from './stream-connection.ts';
import type { ClientOptions, StClient, WebSocketCtor } from './types.ts';
import { UserCache } from './user-cache.ts';
import { WatchSync } from './watch-sync.ts';

/** Whether a login may exist: `maybe` is a cookie the client has not asked about yet. */
type LoginKnowledge = 'yes' | 'maybe' | 'no';

export function createClient(options: ClientOptions = {}): StClient {
  return new Client(options);
}

function normaliseServer(server: string | undefined): string {
  const origin = server ?? globalThis.location?.origin;
  if (!origin) throw new TypeError('createClient: give `server` (there is no page origin to default to).');
  return origin.replace(/\/+$/, '');
}

class Client implements StClient {
  readonly server: string;
  readonly state$: Observable<ConnectionState>;
  readonly user$: Observable<UserSummary | null>;
  readonly myPresence$: Observable<Presence>;

  private readonly userSubject = new BehaviorSubject<UserSummary | null>(null);
  private readonly credentials: Credentials;
  private readonly http: Http;
  private readonly connection: StreamConnection;
  private readonly watches: WatchSync;
  private readonly hub: PresenceHub;
  private readonly cards: CardLoader;
  private readonly idle: IdleTracker;
  private readonly platform: Platform;
  private readonly useLoginToken: boolean;
  private readonly subscriptions = new Subscription();
  private storage: CacheStorageLike | undefined | null = null;
  private cache: UserCache | undefined;
  private loginKnown: LoginKnowledge;
  private selfWatchers = 0;
  private platformStarted = false;
  /** The idleness the current stream was told. */
  private reportedIdle = false;
  private closed = false;

  constructor(private readonly options: ClientOptions) {
    this.server = normaliseServer(options.server);
    this.useLoginToken = options.useLoginToken ?? typeof document === 'undefined';
    this.credentials = { token: options.token, csrf: undefined };
    this.loginKnown = options.token ? 'yes' : this.useLoginToken ? 'no' : 'maybe';
    this.platform = { ...browserPlatform, ...options.platform };
    this.http = new Http({
      server: this.server,
      fetch: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
      credentials: this.credentials,
      onLoginGone: () => this.loginGone(),
    });
    this.connection = new StreamConnection({
      url: `${this.server.replace(/^http/, 'ws')}/api/v1/ws`,
      protocols: () =>
        this.credentials.token ? [WS_PROTOCOL, WS_BEARER_PREFIX + this.credentials.token] : [WS_PROTOCOL],
      WebSocket: () => this.webSocketCtor(),
      backoff: new Backoff(options.reconnect),
      checkLogin: () => this.checkLogin(),
      handlers: {
        hello: (hello, fresh) => {
          if (fresh) this.reportedIdle = false;
          this.watches.hello(hello, fresh);
          this.reportIdle();
          // An anonymous stream (read-only awareness) has no user to learn.
          if (hello.userId && this.user?.id !== hello.userId) this.learnUser(hello.userId);
        },
        event: (frame) => {
          if (frame.type !== 'presence') return;
          for (const presence of frame.presence) {
            this.hub.update(presence);
            this.cache?.putPresence(presence);
          }
        },
        gap: () => this.watches.gap(),
        reply: (frame) => this.watches.reply(frame),
        stopped: (state) => {
          if (state.status === ConnectionStatus.Unauthenticated) this.loginGone();
        },
      },
    });
    this.watches = new WatchSync(this.connection);
    this.hub = new PresenceHub(this.watches, () => this.maybeConnect());
    this.cards = new CardLoader(
      (ids) => this.fetchCards(ids),
      () => this.cache,
    );
    this.idle = new IdleTracker(options.idleAfterMs);
    this.subscriptions.add(this.idle.idle$.subscribe(() => this.reportIdle()));
    this.state$ = this.connection.state$.asObservable();
    this.user$ = this.userSubject.asObservable();
    this.myPresence$ = this.ownPresence();
  }

  get user(): UserSummary | null {
    return this.userSubject.value;
  }

  async login(userId: string, password: string): Promise<UserSummary> {
    return this.signIn({ userId, password });
  }

  async loginWithAssertion(jwt: string): Promise<UserSummary> {
    return this.signIn({ assertion: jwt });
  }

  async resume(): Promise<UserSummary | null> {
    let info: SessionInfo;
    try {
      info = await this.http.request('GET', '/api/v1/session', {
        schema: SessionInfoShape,
        expectUnauthenticated: true,
      });
    } catch (error) {
      if (!(error instanceof StAuthError)) throw error;
      this.loginGone();
      return null;
    }
    this.becomeUser(info.user);
    this.maybeConnect(true);
    return info.user;
  }

  async logout(): Promise<void> {
    // Nothing may reopen the stream while the proxy ends the login.
    this.loginKnown = 'no';
    if (!this.closed) this.connection.stop(ConnectionStatus.Idle, StateCode.LoggedOut, 'Logged out.');
    let failure: unknown;
    try {
      await this.http.request('DELETE', '/api/v1/session', { expectUnauthenticated: true });
    } catch (error) {
      if (!(error instanceof StAuthError)) failure = error;
    }
    const cache = this.cache;
    this.cache = undefined;
    this.credentials.token = undefined;
    this.credentials.csrf = undefined;
    this.userSubject.next(null);
    this.hub.reset();
    this.cards.reset();
    await cache?.drop();
    if (failure) throw failure;
  }

  presence(userId: string): Observable<Presence> {
    return this.hub.observe(userId);
  }

  card(userId: string): Observable<BusinessCard | undefined> {
    return this.cards.card(userId);
  }

  async setStatus(status: SettableStatus, message?: string): Promise<void> {
    await this.http.request('PUT', '/api/v1/me/status', {
      body: message === undefined ? { status } : { status, message },
    });
  }

  async contacts() {
    const response = await this.http.request('GET', '/api/v1/me/contacts', { schema: ContactsResponseShape });
    return response.groups;
  }

  async searchDirectory(q: string) {
    // Type-ahead asks after every key: too short a query has no answer worth a round trip.
    if (q.trim().length < LIMITS.searchMinLength) return [];
    const path = `/api/v1/directory?q=${encodeURIComponent(q.trim())}`;
    const response = await this.http.request('GET', path, { schema: DirectoryResponseShape });
    return response.people;
  }

  setIdle(idle: boolean): void {
    this.idle.setIdle(idle);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.stop(ConnectionStatus.Closed, StateCode.ClientClosed, 'The client was closed.');
    this.watches.stop();
    this.cards.stop();
    this.idle.stop();
    this.subscriptions.unsubscribe();
    void this.cache?.flush();
  }

  private async signIn(credentials: { userId: string; password: string } | { assertion: string }) {
    const body = this.options.client ? { ...credentials, client: this.options.client } : credentials;
    const response = await this.http.request('POST', '/api/v1/session', {
      body,
      schema: LoginResponseShape,
      expectUnauthenticated: true,
    });
    if (this.options.token !== undefined || this.useLoginToken) this.credentials.token = response.token;
    this.becomeUser(response.user);
    // The stream belongs to a login: a new login needs a new stream.
    if (this.connection.isActive) this.connection.restart();
    else this.maybeConnect(true);
    return response.user;
  }

  /** A login or resume succeeded for this person. */
  private becomeUser(user: UserSummary): void {
    const previous = this.user;
    this.loginKnown = 'yes';
    if (previous && previous.id !== user.id) {
      this.hub.reset();
      this.cards.reset();
    }
    this.userSubject.next(user);
    this.openCache(user.id);
  }

  /** The proxy said the login is gone (401, or the stream closed with 4401). */
  private loginGone(): void {
    this.loginKnown = 'no';
    this.credentials.csrf = undefined;
    const { status } = this.connection.state;
    if (status !== ConnectionStatus.Closed && status !== ConnectionStatus.Unauthenticated) {
      this.connection.stop(
        ConnectionStatus.Unauthenticated,
        StateCode.Unauthenticated,
        'The login is gone; log in again.',
      );
    }
    if (this.user) this.userSubject.next(null);
    this.hub.reset();
  }

  /** The stream named a user this client did not know (token or cookie mode): ask who it is. */
  private learnUser(userId: string): void {
    this.openCache(userId);
    this.resume().catch(() => {
      if (!this.user) this.userSubject.next({ id: userId, displayName: userId });
    });
  }

  private maybeConnect(loginChanged = false): void {
    if (this.closed || this.loginKnown === 'no') return;
    if (this.hub.watched === 0 && this.selfWatchers === 0) return;
    const { status } = this.connection.state;
    // After a final stop (origin refused, replaced) only a new login starts again; a stop for a
    // lost login ends once a login or resume has succeeded since, even if nothing was watched then.
    const loggedInSinceStop = status === ConnectionStatus.Unauthenticated && this.loginKnown === 'yes';
    const startable = status === ConnectionStatus.Idle || loggedInSinceStop;
    if (!startable && !(loginChanged && !this.connection.isActive)) return;
    this.startPlatform();
    this.connection.start();
  }

  private ownPresence(): Observable<Presence> {
    return new Observable<Presence>((subscriber) => {
      this.selfWatchers++;
      this.maybeConnect();
      const subscription = this.userSubject
        .pipe(
          map((user) => user?.id),
          distinctUntilChanged(),
          switchMap((id) => (id ? this.hub.observe(id) : EMPTY)),
        )
        .subscribe(subscriber);
      return () => {
        this.selfWatchers--;
        subscription.unsubscribe();
      };
    });
  }

  private startPlatform(): void {
    if (this.platformStarted) return;
    this.platformStarted = true;
    const { online$, visible$, activity$ } = this.platform;
    const back$ = merge(online$, visible$).pipe(filter(Boolean));
    this.subscriptions.add(back$.subscribe(() => this.connection.retryNow()));
    if (canTrackActivity(this.options.platform)) this.idle.start(activity$);
  }

  private reportIdle(): void {
    const idle = this.idle.idle;
    if (idle === this.reportedIdle || !this.connection.isReady) return;
    if (this.connection.send({ type: 'activity', idle })) this.reportedIdle = idle;
  }

  private openCache(userId: string): void {
    if (this.cache?.userId === userId) return;
    void this.cache?.flush();
    if (this.storage === null)
      this.storage = this.options.storage === false ? undefined : (this.options.storage ?? defaultStorage());
    const storage = this.storage;
    this.cache = storage ? new UserCache(storage, userId) : undefined;
    const cache = this.cache;
    cache?.ready.then(() => {
      if (this.cache === cache) this.hub.seed(cache.allPresences());
    });
  }

  private async checkLogin(): Promise<boolean> {
    try {
      await this.http.request('GET', '/api/v1/session', { expectUnauthenticated: true });
      return true;
    } catch (error) {
      return !(error instanceof StAuthError);
    }
  }

  private async fetchCards(ids: string[]): Promise<BusinessCard[]> {
    const path = `/api/v1/users?ids=${ids.map(encodeURIComponent).join(',')}`;
    const response = await this.http.request('GET', path, { schema: UsersResponseShape });
    return response.users;
  }

  private webSocketCtor(): WebSocketCtor {
    const ctor = this.options.WebSocket ?? (globalThis.WebSocket as WebSocketCtor | undefined);
    if (!ctor) throw new TypeError('There is no WebSocket here: pass `WebSocket` (from `ws` in Node).');
    return ctor;
  }
}
