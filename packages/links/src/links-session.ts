/**
 * The one SDK client of a Links Toolkit page, and its login. The live names, the watched people and
 * the listeners all use it, so the page opens one event stream however many links it writes.
 *
 * A new login (another `writeSTLinksApplet`) makes a new client: the next one is announced before
 * the old one closes, so whatever follows `client$` moves over without a gap.
 */
import type { ClientOptions, StClient, UserSummary } from '@st/client';
import type { ClientFeed, Unsubscribable } from './client-feed.ts';
import { clientOptionsFor, type LoginPlan } from './login-plan.ts';

export type ClientFactory = (options: ClientOptions) => StClient;

/** What the toolkit reports for an anonymous page, which has no person of its own. */
export const ANONYMOUS_USER: UserSummary = { id: '', displayName: 'Anonymous' };

/** `STLinksLoggedOut`'s reason: 0 when the page logged out, else the proxy's or the client's code. */
export type LogoutReason = 0 | string;

export interface SessionEvents {
  loggedIn(user: UserSummary): void;
  loggedOut(reason: LogoutReason): void;
}

export interface LinksSessionOptions {
  server: string;
  /** How clients are made; a promise while the SDK is still loading (`/st/stlinks.js` takes it from `components.js`). */
  createClient: ClientFactory | Promise<ClientFactory>;
  events: SessionEvents;
  /** For the anonymous check; default the global fetch. */
  fetch?: typeof fetch;
}

export class LinksSession {
  readonly #options: LinksSessionOptions;
  #client: StClient | undefined;
  /** Who follows `client$`. */
  readonly #followers = new Set<(client: StClient) => void>();
  #server: string;
  #plan: LoginPlan = { kind: 'cookie' };
  #loggedIn = false;
  /** Bumped by every login and logout, so an answer to a superseded one is ignored. */
  #generation = 0;
  #stateWatch: Unsubscribable | undefined;
  readonly #factory: Promise<ClientFactory>;
  /** The first client (cookie mode), while the SDK it needs loads. */
  #first: Promise<StClient> | undefined;

  constructor(options: LinksSessionOptions) {
    this.#options = options;
    this.#server = options.server;
    this.#factory = Promise.resolve(options.createClient);
  }

  get server(): string {
    return this.#server;
  }

  get loggedIn(): boolean {
    return this.#loggedIn;
  }

  /** The client now and each one after it; subscribing makes the first (cookie mode) if needed. */
  readonly client$: ClientFeed = {
    subscribe: (next) => {
      this.#followers.add(next);
      if (this.#client) next(this.#client);
      else void this.current().catch(() => undefined); // a failed load is reported by whoever loads the SDK
      return { unsubscribe: () => this.#followers.delete(next) };
    },
  };

  /** The client in use, made now (cookie mode, picking up the proxy's cookie) if there is none. */
  current(): Promise<StClient> {
    const existing = this.#client;
    if (existing) return Promise.resolve(existing);
    const generation = this.#generation;
    this.#first ??= this.#factory.then((factory) => {
      if (this.#client) return this.#client;
      const client = this.#make(factory);
      // A login asked for meanwhile has its own client and its own outcome.
      if (this.#plan.kind === 'cookie' && generation === this.#generation)
        void this.#run(this.#plan, client, generation);
      this.#announce(client);
      return client;
    });
    return this.#first;
  }

  /** Points at another proxy; a client already made is replaced, keeping the login asked for. */
  setServer(server: string): void {
    if (server === this.#server) return;
    this.#server = server;
    if (this.#client) void this.logIn(this.#plan);
  }

  /** Logs in as the plan says, with a new client; resolves once the outcome was reported. */
  async logIn(plan: LoginPlan): Promise<void> {
    this.#plan = plan;
    const generation = ++this.#generation;
    if (this.#loggedIn) this.#report(false, 'logged-out');
    const factory = await this.#factory;
    if (generation !== this.#generation) return;
    const client = this.#make(factory);
    // The login starts before anything is told of the client, so what they ask waits for it.
    const outcome = this.#run(plan, client, generation);
    this.#announce(client);
    await outcome;
  }

  /** Ends the login (the proxy's too) and reports `STLinksLoggedOut(0)`. */
  async logOut(): Promise<void> {
    this.#generation++;
    const wasLoggedIn = this.#loggedIn;
    this.#loggedIn = false;
    try {
      await this.#client?.logout();
    } finally {
      if (wasLoggedIn) this.#options.events.loggedOut(0);
    }
  }

  async #run(plan: LoginPlan, client: StClient, generation: number): Promise<void> {
    let user: UserSummary | null;
    try {
      user = await this.#authenticate(plan, client);
    } catch (error) {
      if (generation === this.#generation) this.#report(false, reasonOf(error));
      return;
    }
    if (generation !== this.#generation) return;
    if (user) this.#report(true, user);
    // No cookie login is no failure: the page simply has nobody logged in.
    else if (plan.kind !== 'cookie') this.#report(false, 'ST_ERR_UNAUTHENTICATED');
  }

  async #authenticate(plan: LoginPlan, client: StClient): Promise<UserSummary | null> {
    switch (plan.kind) {
      case 'password':
        return client.login(plan.userId, plan.password);
      case 'assertion':
        return client.loginWithAssertion(plan.assertion);
      case 'anonymous':
        return (await this.#anonymousAllowed()) ? ANONYMOUS_USER : null;
      default:
        return client.resume();
    }
  }

  /** Whether the proxy shows presence to callers without a login (`ST_ANONYMOUS_AWARENESS`). */
  async #anonymousAllowed(): Promise<boolean> {
    const fetchFn = this.#options.fetch ?? globalThis.fetch;
    const response = await fetchFn(`${this.#server}/api/v1/presence?users=stlinks-anonymous-check`, {
      credentials: 'omit',
    });
    if (response.status === 401) return false;
    if (!response.ok)
      throw Object.assign(new Error('The proxy did not answer.'), { code: 'ST_ERR_INTERNAL' });
    return true;
  }

  #report(loggedIn: true, user: UserSummary): void;
  #report(loggedIn: false, reason: LogoutReason): void;
  #report(loggedIn: boolean, detail: UserSummary | LogoutReason): void {
    if (loggedIn) {
      this.#loggedIn = true;
      this.#options.events.loggedIn(detail as UserSummary);
      return;
    }
    const wasLoggedIn = this.#loggedIn;
    this.#loggedIn = false;
    // A failed login is reported too: the toolkit told the page when the applet could not log in.
    if (wasLoggedIn || this.#plan.kind !== 'cookie') this.#options.events.loggedOut(detail as LogoutReason);
  }

  /** Makes the client for the current plan and server, and watches it for a lost login. */
  #make(createClient: ClientFactory): StClient {
    this.#stateWatch?.unsubscribe();
    const client = createClient(clientOptionsFor(this.#plan, this.#server));
    const generation = this.#generation;
    this.#stateWatch = client.state$.subscribe((state) => {
      if (generation !== this.#generation || !this.#loggedIn) return;
      const lost =
        state.status === 'unauthenticated' || (state.status === 'closed' && state.code !== 'client-closed');
      if (lost) this.#report(false, state.code);
    });
    return client;
  }

  /** Announces the client, then closes the one before. */
  #announce(client: StClient): void {
    const previous = this.#client;
    this.#client = client;
    for (const follower of [...this.#followers]) follower(client);
    previous?.close();
  }
}

/**
 * The SDK's error code. Not `instanceof StError`: this script takes the SDK from `components.js`,
 * whose error classes are not this bundle's.
 */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ST_ERR_') ? code : 'ST_ERR_NETWORK';
}
