/**
 * `createClient`: wires the HTTP helper, the event stream, presence, cards, idleness and the cache
 * into one `StClient`.
 *
 * When the stream opens: while a login may exist (a token was given, a login or resume succeeded,
 * or — in cookie mode — nobody has said otherwise yet) and someone subscribes to `presence()` or
 * `myPresence$` (or `contacts$`). It then stays open until `logout()`, `close()` or a lost login,
 * so a page that briefly shows no names does not make its user flap offline. An anonymous client
 * has no login at all: it sends no credentials and connects as soon as something is watched.
 */
import {
  type BusinessCard,
  type ContactGroup,
  type HelloFrame,
  type Presence,
  type SessionInfo,
  type SettableStatus,
  type UserSummary,
  WS_BEARER_PREFIX,
  WS_PROTOCOL,
} from '@st/protocol/core';
import { BehaviorSubject, type Observable, Subscription } from 'rxjs';
import { Backoff } from './backoff.ts';
import { CacheHolder } from './cache-holder.ts';
import { CardLoader } from './card-loader.ts';
import type { ChatService } from './chat/chat-service.ts';
import { chatFactory, chatInstalled } from './chat/chat-slot.ts';
import type { SettingsStore, StSettings } from './chat/settings-store.ts';
import { ClientActivity } from './client-activity.ts';
import { clientParts } from './client-parts.ts';
import {
  fetchCards,
  loginStillValid,
  normaliseServer,
  searchDirectory,
  webSocketCtorOf,
} from './client-requests.ts';
import { type ConnectionState, ConnectionStatus, StateCode } from './connection-state.ts';
import { ContactMethods } from './contact-methods.ts';
import type { ContactsStore } from './contacts-store.ts';
import { StAuthError, StForbiddenError } from './errors.ts';
import { type Credentials, Http } from './http.ts';
import { type LazyPart, lazyObservable } from './lazy-part.ts';
import { lazySettings } from './lazy-settings.ts';
import { ownPresence } from './own-presence.ts';
import type { PhotoLoader } from './photo-loader.ts';
import { PresenceHub } from './presence-hub.ts';
import { LoginResponseShape, SessionInfoShape } from './response-shapes.ts';
import { StreamConnection } from './stream-connection.ts';
import { type ClientTabs, clientTabs } from './tabs/client-tabs.ts';
import { WatchUnion } from './tabs/watch-union.ts';
import type { ClientOptions, StClient } from './types.ts';
import { WatchSync } from './watch-sync.ts';

/**
 * Whether a login may exist: `maybe` is a cookie the client has not asked about yet. An anonymous
 * client starts at `yes`: it needs no login to connect, only the proxy's consent.
 */
type LoginKnowledge = 'yes' | 'maybe' | 'no';

/** The cache of an anonymous page: user ids hold no whitespace, so no person's cache is named so. */
const ANONYMOUS_CACHE = 'anonymous page';

export function createClient(options: ClientOptions = {}): StClient {
  return new Client(options);
}

class Client extends ContactMethods implements StClient {
  readonly server: string;
  readonly state$: Observable<ConnectionState>;
  readonly user$: Observable<UserSummary | null>;
  readonly myPresence$: Observable<Presence>;
  readonly contacts$: Observable<ContactGroup[]>;
  readonly settings: StSettings;

  private readonly userSubject = new BehaviorSubject<UserSummary | null>(null);
  private readonly credentials: Credentials;
  private readonly http: Http;
  private readonly connection: StreamConnection;
  private readonly watches: WatchSync;
  /** The watch lists of this tab and, while it leads, of the tabs that follow it. */
  private readonly union: WatchUnion;
  /** The other tabs of this browser and login (unless sharing is off, or this is no browser). */
  private readonly tabs: ClientTabs | undefined;
  private lastHello: HelloFrame | undefined;
  private readonly hub: PresenceHub;
  private readonly cards: CardLoader;
  /** Parts whose code loads on first use: a page of live names needs none of them. */
  private readonly photos: LazyPart<PhotoLoader>;
  protected override readonly contactList: LazyPart<ContactsStore>;
  private readonly preferences: LazyPart<SettingsStore>;
  private readonly activity: ClientActivity;
  private readonly useLoginToken: boolean;
  private readonly subscriptions = new Subscription();
  private readonly caches: CacheHolder;
  private loginKnown: LoginKnowledge;
  private selfWatchers = 0;
  private closed = false;
  /** Made on first use of `chat`, so a client that never chats never loads chat code. */
  private chatService: ChatService | undefined;

  constructor(private readonly options: ClientOptions) {
    super();
    this.server = normaliseServer(options.server);
    this.useLoginToken = options.useLoginToken ?? typeof document === 'undefined';
    const anonymous = options.anonymous === true;
    this.credentials = { token: anonymous ? undefined : options.token, csrf: undefined, anonymous };
    this.loginKnown = anonymous || options.token ? 'yes' : this.useLoginToken ? 'no' : 'maybe';
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
      // A tab that follows another reaches the proxy through the leading tab.
      WebSocket: () => this.tabs?.socketCtor ?? webSocketCtorOf(options),
      relay: (data) => this.tabs?.relay(data),
      backoff: new Backoff(options.reconnect),
      // Without a login there is none to check: a refusal of anonymous streams closes with 4401.
      checkLogin: anonymous ? undefined : () => loginStillValid(this.http),
      handlers: {
        hello: (hello, fresh) => {
          this.lastHello = hello;
          this.tabs?.greeted(!fresh);
          if (fresh) this.activity.freshStream();
          this.watches.hello(hello, fresh);
          this.activity.report();
          // A new stream after another one: events may have been missed meanwhile.
          if (this.connection.state.code === StateCode.Snapshot) this.resync();
          // Chat events sent before this stream existed went to another one: catch up on a new stream.
          else if (fresh) this.chatService?.resync();
          this.chatService?.connected();
          // An anonymous stream (read-only awareness) has no user to learn.
          if (hello.userId && this.user?.id !== hello.userId) this.learnUser(hello.userId);
          this.tabs?.ready();
        },
        event: (frame) => {
          if (frame.type === 'event') {
            // Each part reads its own events; a part not loaded yet has nobody to tell.
            this.contactList.value?.applyEvent(frame.body);
            this.chatService?.applyEvent(frame.body);
            this.preferences.value?.apply(frame.body);
            return;
          }
          if (frame.type !== 'presence') return;
          for (const presence of frame.presence) {
            this.hub.update(presence);
            this.cache?.putPresence(presence);
          }
        },
        gap: () => {
          this.watches.gap();
          this.resync();
        },
        reply: (frame) => this.watches.reply(frame),
        stopped: (state) => {
          if (state.status === ConnectionStatus.Unauthenticated) this.loginGone();
        },
      },
    });
    this.watches = new WatchSync(this.connection);
    this.union = new WatchUnion(this.watches);
    this.hub = new PresenceHub(this.union.source('self'), () => this.maybeConnect());
    this.caches = new CacheHolder(
      options.storage,
      (cache) => {
        this.hub.seed(cache.allPresences());
        this.cards.keepIn(cache);
      },
      () => this.credentials.token,
    );
    this.cards = new CardLoader({
      fetchCards: (ids) => fetchCards(this.http, ids),
      cache: () => this.cache,
      cacheReady: () => this.caches.ready(),
      ttlMs: options.cacheTtl?.cardsMs,
    });
    ({
      photos: this.photos,
      contactList: this.contactList,
      preferences: this.preferences,
    } = clientParts(this.http, () => this.maybeConnect(), {
      card: (id) => this.cards.card(id),
      cache: () => this.cache,
      cacheReady: () => this.caches.ready(),
      ttlMs: options.cacheTtl?.photosMs,
    }));
    this.settings = lazySettings(this.preferences);
    if (anonymous) this.caches.open(ANONYMOUS_CACHE);
    this.tabs = clientTabs(options, this.server, {
      connection: this.connection,
      hub: this.hub,
      union: this.union,
      lastHello: () => this.lastHello,
      demand: () => {
        if (this.closed) return;
        this.activity.start();
        this.connection.start();
      },
      reportIdle: () => this.activity.report(),
    });
    // Tabs with the proxy's cookie share its login; an anonymous page has none. A token's
    // login is known once the proxy names its user.
    if (anonymous) this.tabs?.join('anonymous');
    else if (!this.credentials.token && !this.useLoginToken) this.tabs?.join('cookie');
    this.subscriptions.add(this.connection.state$.subscribe((state) => this.tabs?.stateChanged(state)));
    this.activity = new ClientActivity({
      platform: options.platform,
      idleAfterMs: options.idleAfterMs,
      connection: this.connection,
      othersIdle: () => this.tabs?.followersIdle ?? true,
      back: () => {
        // Reconnect now rather than after the backoff.
        this.connection.retryNow();
        this.chatService?.connected();
      },
    });
    this.state$ = this.connection.state$.asObservable();
    this.user$ = this.userSubject.asObservable();
    this.myPresence$ = ownPresence(
      this.user$,
      (id) => this.hub.observe(id, false),
      (delta) => {
        this.selfWatchers += delta;
        if (delta === 1) this.maybeConnect();
      },
    );
    this.contacts$ = lazyObservable(async () => (await this.contactList.get()).contacts$);
  }

  private get cache() {
    return this.caches.current;
  }

  get chat(): ChatService {
    if (!this.chatService) {
      const { chatStorage, storage } = this.options;
      this.chatService = chatFactory()({
        http: this.http,
        storage: chatStorage ?? (storage === false ? false : undefined),
        user: () => this.user,
        observed: () => this.maybeConnect(),
      });
      if (this.user) this.chatService.open(this.user.id);
      if (this.closed) this.chatService.stop();
      else if (this.connection.isReady) this.chatService.connected();
    }
    return this.chatService;
  }

  /** Chat when it exists, or when it must (a logout clears what it keeps) and its code is here. */
  private chatIfAny(create = false): ChatService | undefined {
    return this.chatService ?? (create && chatInstalled() ? this.chat : undefined);
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

  resume(): Promise<UserSummary | null> {
    // An anonymous client has no login to pick up, and never asks.
    if (this.credentials.anonymous) return Promise.resolve(null);
    return this.caches.whileSigningIn(this.whoAmI());
  }

  private async whoAmI(): Promise<UserSummary | null> {
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
      // An anonymous client has no login on the proxy to end, only what it keeps here.
      if (!this.credentials.anonymous)
        await this.http.request('DELETE', '/api/v1/session', { expectUnauthenticated: true });
    } catch (error) {
      if (!(error instanceof StAuthError)) failure = error;
    }
    this.credentials.token = undefined;
    this.credentials.csrf = undefined;
    this.userSubject.next(null);
    this.hub.reset();
    this.resetParts();
    await Promise.all([this.caches.drop(), this.chatIfAny(true)?.reset()]);
    if (failure) throw failure;
  }

  presence(userId: string): Observable<Presence> {
    return this.hub.observe(userId);
  }

  card(userId: string): Observable<BusinessCard | undefined> {
    return this.cards.card(userId);
  }

  async photoUrl(userId: string): Promise<string | undefined> {
    return (await this.photos.get()).photoUrl(userId);
  }

  async setStatus(status: SettableStatus, message?: string): Promise<void> {
    await this.http.request('PUT', '/api/v1/me/status', {
      body: message === undefined ? { status } : { status, message },
    });
  }

  searchDirectory(q: string) {
    return searchDirectory(this.http, q);
  }

  setIdle(idle: boolean): void {
    this.activity.setIdle(idle);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.stop(ConnectionStatus.Closed, StateCode.ClientClosed, 'The client was closed.');
    this.watches.stop();
    this.cards.stop();
    this.photos.value?.reset();
    this.activity.stop();
    this.chatService?.stop();
    this.tabs?.leave();
    this.subscriptions.unsubscribe();
    this.caches.flush();
  }

  private signIn(credentials: { userId: string; password: string } | { assertion: string }) {
    if (this.credentials.anonymous) {
      const refusal = 'This client is anonymous (read-only awareness): make another one to log in.';
      return Promise.reject(new StForbiddenError('ST_ERR_FORBIDDEN', 0, refusal));
    }
    return this.caches.whileSigningIn(this.sendLogin(credentials));
  }

  private async sendLogin(credentials: { userId: string; password: string } | { assertion: string }) {
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
    const changed = previous?.id !== user.id;
    if (previous && changed) {
      this.hub.reset();
      this.resetParts();
      void this.chatService?.reset(false);
    }
    this.userSubject.next(user);
    if (this.credentials.token) this.tabs?.join(`user ${user.id}`);
    this.caches.open(user.id);
    this.chatService?.open(user.id);
    if (changed) this.contactList.value?.refresh();
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
    this.caches.open(userId);
    this.resume().catch(() => {
      if (!this.user) this.userSubject.next({ id: userId, displayName: userId });
    });
  }

  private maybeConnect(loginChanged = false): void {
    if (this.closed || this.loginKnown === 'no') return;
    const deciding = this.tabs?.deciding;
    if (deciding) {
      // Whether this tab opens the stream or follows another is a lock's answer away.
      void deciding.then(() => this.maybeConnect(loginChanged));
      return;
    }
    const observed =
      this.contactList.value?.observed || this.chatService?.observed || this.preferences.value?.observed;
    if (this.hub.watched === 0 && this.selfWatchers === 0 && !observed) return;
    const { status } = this.connection.state;
    // After a final stop (origin refused, replaced) only a new login starts again; a stop for a
    // lost login ends once a login or resume has succeeded since, even if nothing was watched then.
    const loggedInSinceStop = status === ConnectionStatus.Unauthenticated && this.loginKnown === 'yes';
    const startable = status === ConnectionStatus.Idle || loggedInSinceStop;
    if (!startable && !(loginChanged && !this.connection.isActive)) return;
    this.activity.start();
    this.connection.start();
  }

  /** Events may have been missed (a new stream, a gap): load again what they would have changed. */
  private resync(): void {
    this.contactList.value?.refresh();
    this.chatService?.resync();
    this.preferences.value?.refresh();
  }

  /** Forgets what the parts hold (a logout, another person). */
  private resetParts(): void {
    this.cards.reset();
    this.photos.value?.reset();
    this.contactList.value?.reset();
    this.preferences.value?.reset();
  }
}
