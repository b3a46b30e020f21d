import { LIMITS, type UserSummary } from '@st/protocol';
import type { SessionStore, SharedLogin } from '../cluster/types.ts';
import { ApiError } from '../errors.ts';
import { Listeners } from '../listeners.ts';
import { type CountedKind, NOT_COUNTED, type PresenceTally, sessionKind } from '../presence/tally.ts';
import type { Stream } from '../stream/stream.ts';
import { randomToken, tokenDigest } from './tokens.ts';

export const LoginEnd = { Logout: 'logout', Expired: 'expired' } as const;
export type LoginEnd = (typeof LoginEnd)[keyof typeof LoginEnd];

/** What a token (or the cookie) stands for: a person, on a phone or not, until it expires. */
export class Login {
  readonly streams = new Set<Stream>();
  foreground = true;
  /** Idleness reported for the login as a whole (it applies when the login has no stream). */
  idle = false;
  expiresAt: number;
  lastSeenAt: number;
  ended = false;
  /** The session kind the login adds to its person's presence while it has no stream. */
  countedKind: CountedKind = NOT_COUNTED;
  liveTimer: NodeJS.Timeout | undefined;
  /** Settles once the login is in the shared session store, when there is one. */
  saved: Promise<void> = Promise.resolve();
  /** When the shared copy's expiry was last slid forward (epoch ms). */
  sharedAt = 0;
  /** When the person logged in (epoch ms), and with what browser or app: for the System Console. */
  createdAt: number;
  userAgent: string | null = null;

  constructor(
    readonly token: string,
    readonly csrfToken: string,
    readonly user: UserSummary,
    readonly mobile: boolean,
    now: number,
    ttlMs: number,
  ) {
    this.expiresAt = now + ttlMs;
    this.lastSeenAt = now;
    this.createdAt = now;
  }

  get userId(): string {
    return this.user.id;
  }
}

export interface LoginStoreOptions {
  tally: PresenceTally;
  ttlMs: number;
  graceMs: number;
  /** Where other proxies of a cluster find the logins made here (none: this proxy alone). */
  sessions?: SessionStore | undefined;
  /** Told when a login's use may change its person's reach (requests, foreground, its end). */
  onActivity?: ((userId: string) => void) | undefined;
}

/** Where an ending came from: this proxy, or another one of the cluster (then it is not told again). */
export type EndOrigin = 'here' | 'cluster';

export type LoginEndListener = (login: Login, why: LoginEnd, origin: EndOrigin) => void;

/** The shared copy's expiry is slid at most this often (a request per second must not be a write per second). */
const SHARED_SLIDE_MS = 60_000;

function shared(login: Login): SharedLogin {
  return {
    user: login.user,
    csrfToken: login.csrfToken,
    mobile: login.mobile,
    foreground: login.foreground,
    expiresAt: login.expiresAt,
    createdAt: login.createdAt,
    ...(login.userAgent === null ? {} : { userAgent: login.userAgent }),
  };
}

/** What an administrator may see of the browser or app a login came from. */
const USER_AGENT_LENGTH = 256;

/**
 * The logins by token, with sliding expiry. A login without a stream counts as one live session
 * while it made a request within the grace period, so a person is online right after logging in
 * and while a client polls the API without an event stream.
 *
 * In a cluster the logins are also in the shared session store: a token made on another proxy is
 * looked up there once (`resolve`) and then kept here like one made here.
 */
export class LoginStore {
  private readonly byToken = new Map<string, Login>();
  private readonly loading = new Map<string, Promise<Login | null>>();
  /** In a cluster: logins by `tokenDigest`, the name other proxies use when one ends. */
  private readonly byDigest = new Map<string, Login>();
  /** Live logins per person held here, capped at `LIMITS.loginsPerPerson`. */
  private readonly countByPerson = new Map<string, number>();
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly endedListeners = new Listeners<Parameters<LoginEndListener>>();

  constructor(private readonly options: LoginStoreOptions) {
    this.sweepTimer = setInterval(() => this.sweep(), Math.min(60_000, options.ttlMs)).unref();
  }

  get size(): number {
    return this.byToken.size;
  }

  /** Hears every login that ends; answers the function that stops listening. */
  subscribe(listener: LoginEndListener): () => void {
    return this.endedListeners.subscribe(listener);
  }

  /**
   * A new login of `user`; ST_ERR_TOO_MANY_LOGINS when they hold `LIMITS.loginsPerPerson` already.
   * In a cluster, await `login.saved` before handing its token out.
   */
  create(user: UserSummary, mobile: boolean, userAgent?: string): Login {
    if ((this.countByPerson.get(user.id) ?? 0) >= LIMITS.loginsPerPerson) {
      // Expired ones may be waiting for the sweep: do it now before refusing.
      this.sweep();
      if ((this.countByPerson.get(user.id) ?? 0) >= LIMITS.loginsPerPerson) {
        throw new ApiError('ST_ERR_TOO_MANY_LOGINS', {
          message: `${user.id} already holds ${LIMITS.loginsPerPerson} logins; log out of one, or wait for one to expire.`,
          headers: { 'retry-after': '60' },
        });
      }
    }
    const now = Date.now();
    const login = new Login(randomToken(), randomToken(), user, mobile, now, this.options.ttlMs);
    if (userAgent) login.userAgent = userAgent.slice(0, USER_AGENT_LENGTH);
    this.byToken.set(login.token, login);
    this.added(login);
    this.updateStreamless(login, now);
    const sessions = this.options.sessions;
    if (sessions) {
      login.sharedAt = now;
      login.saved = sessions.save(login.token, shared(login));
      // The login route awaits it; nobody else must turn a failure into an unhandled rejection.
      login.saved.catch(() => {});
    }
    return login;
  }

  /** The live login of a token known to this proxy, or null when unknown or expired. */
  find(token: string): Login | null {
    const login = this.byToken.get(token);
    if (!login) return null;
    if (login.expiresAt <= Date.now()) {
      // Another proxy may have kept the login in use: `resolve` asks the cluster before ending it.
      if (!this.options.sessions) this.end(login, LoginEnd.Expired);
      return null;
    }
    return login;
  }

  /** The live login of a token, looked up in the cluster when this proxy does not know it. */
  resolve(token: string): Promise<Login | null> {
    const known = this.find(token);
    if (known || !this.options.sessions) return Promise.resolve(known);
    let pending = this.loading.get(token);
    if (!pending) {
      pending = this.load(token).finally(() => this.loading.delete(token));
      this.loading.set(token, pending);
    }
    return pending;
  }

  private async load(token: string): Promise<Login | null> {
    const record = await this.options.sessions!.load(token);
    const now = Date.now();
    const local = this.byToken.get(token);
    if (!record || record.expiresAt <= now) {
      if (local) this.end(local, LoginEnd.Expired);
      return null;
    }
    if (local) {
      // Kept in use on another proxy: this copy lives on as long as the shared one.
      local.expiresAt = Math.max(local.expiresAt, record.expiresAt);
      return local;
    }
    const login = new Login(token, record.csrfToken, record.user, record.mobile, now, this.options.ttlMs);
    login.expiresAt = record.expiresAt;
    login.foreground = record.foreground;
    login.createdAt = record.createdAt ?? now;
    login.userAgent = record.userAgent ?? null;
    login.sharedAt = now;
    this.byToken.set(token, login);
    this.added(login);
    this.updateStreamless(login, now);
    return login;
  }

  /** A request made with the login: slides its expiry and keeps a stream-less login live. */
  touch(login: Login): void {
    const now = Date.now();
    login.expiresAt = now + this.options.ttlMs;
    login.lastSeenAt = now;
    if (login.streams.size === 0) this.updateStreamless(login, now);
    this.slideShared(login, now);
    this.options.onActivity?.(login.userId);
  }

  /** A connected stream keeps its login from expiring without counting as a request. */
  keepAlive(login: Login, now: number): void {
    login.expiresAt = Math.max(login.expiresAt, now + this.options.ttlMs);
    this.slideShared(login, now);
  }

  /** The session reported itself in the foreground or not (mobile); other proxies keep the same. */
  setForeground(login: Login, foreground: boolean): void {
    login.foreground = foreground;
    this.options.onActivity?.(login.userId);
    const sessions = this.options.sessions;
    if (sessions && !login.ended) sessions.save(login.token, shared(login)).catch(() => {});
  }

  private slideShared(login: Login, now: number): void {
    const sessions = this.options.sessions;
    if (!sessions || now - login.sharedAt < Math.min(SHARED_SLIDE_MS, this.options.ttlMs / 10)) return;
    login.sharedAt = now;
    sessions
      .extend(login.token, login.expiresAt)
      .then((answer) => {
        if (answer === 'ended') this.end(login, LoginEnd.Logout, 'cluster');
        else if (answer === 'missing' && !login.ended) return sessions.save(login.token, shared(login));
      })
      .catch(() => {
        // Redis away: the login stays valid here; the next slide tries again.
        login.sharedAt = 0;
      });
  }

  setIdle(login: Login, idle: boolean): void {
    login.idle = idle;
    if (login.streams.size === 0) this.updateStreamless(login, Date.now());
  }

  /** The registry added or removed a stream of the login. */
  streamsChanged(login: Login): void {
    this.updateStreamless(login, Date.now());
  }

  end(login: Login, why: LoginEnd, origin: EndOrigin = 'here'): void {
    if (login.ended) return;
    login.ended = true;
    this.byToken.delete(login.token);
    if (this.options.sessions) this.byDigest.delete(tokenDigest(login.token));
    const left = (this.countByPerson.get(login.userId) ?? 1) - 1;
    if (left > 0) this.countByPerson.set(login.userId, left);
    else this.countByPerson.delete(login.userId);
    this.updateStreamless(login, Date.now());
    this.options.onActivity?.(login.userId);
    if (origin === 'here' && why === LoginEnd.Logout)
      this.options.sessions?.remove(login.token).catch(() => {});
    this.endedListeners.emit(login, why, origin);
  }

  /** A login joined this proxy (made here, or found in the cluster); subclasses index it. */
  protected added(login: Login): void {
    this.countByPerson.set(login.userId, (this.countByPerson.get(login.userId) ?? 0) + 1);
    if (this.options.sessions) this.byDigest.set(tokenDigest(login.token), login);
    this.options.onActivity?.(login.userId);
  }

  /** Another proxy ended the login whose token has this `tokenDigest`: its streams here end too. */
  endedElsewhere(digest: string, why: LoginEnd): void {
    const login = this.byDigest.get(digest);
    if (login) this.end(login, why, 'cluster');
  }

  /** Writes every login held here to the shared store again (after it came back without its data). */
  async saveAll(): Promise<void> {
    const sessions = this.options.sessions;
    if (!sessions) return;
    const now = Date.now();
    await Promise.all(
      [...this.byToken.values()]
        .filter((login) => login.expiresAt > now)
        .map((login) => sessions.save(login.token, shared(login))),
    );
  }

  private updateStreamless(login: Login, now: number): void {
    const live = !login.ended && login.streams.size === 0 && now - login.lastSeenAt < this.options.graceMs;
    const kind = live ? sessionKind(login.idle, login.mobile) : NOT_COUNTED;
    this.options.tally.move(login.userId, login.countedKind, kind);
    login.countedKind = kind;
    clearTimeout(login.liveTimer);
    login.liveTimer = undefined;
    if (live) {
      const left = Math.max(1, login.lastSeenAt + this.options.graceMs - now);
      login.liveTimer = setTimeout(() => this.updateStreamless(login, Date.now()), left).unref();
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const login of [...this.byToken.values()]) {
      if (login.expiresAt > now) continue;
      // In a cluster the login may have been kept in use elsewhere: `load` ends it only if not.
      if (this.options.sessions) this.load(login.token).catch(() => {});
      else this.end(login, LoginEnd.Expired);
    }
  }

  stop(): void {
    clearInterval(this.sweepTimer);
    for (const login of this.byToken.values()) clearTimeout(login.liveTimer);
  }
}
