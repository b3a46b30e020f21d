import { LIMITS, type UserSummary } from '@st/protocol';
import { ApiError } from '../errors.ts';
import { type CountedKind, NOT_COUNTED, type PresenceTally, sessionKind } from '../presence/tally.ts';
import type { Stream } from '../stream/stream.ts';
import { randomToken } from './tokens.ts';

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
  }

  get userId(): string {
    return this.user.id;
  }
}

export interface LoginStoreOptions {
  tally: PresenceTally;
  ttlMs: number;
  graceMs: number;
}

/**
 * The logins by token, with sliding expiry. A login without a stream counts as one live session
 * while it made a request within the grace period, so a person is online right after logging in
 * and while a client polls the API without an event stream.
 */
export class LoginStore {
  private readonly byToken = new Map<string, Login>();
  /** Live logins per person, capped at `LIMITS.loginsPerPerson`. */
  private readonly countByPerson = new Map<string, number>();
  private readonly sweepTimer: NodeJS.Timeout;
  /** Set by the stream registry: ends the login's streams. */
  onEnded: (login: Login, why: LoginEnd) => void = () => {};

  constructor(private readonly options: LoginStoreOptions) {
    this.sweepTimer = setInterval(() => this.sweep(), Math.min(60_000, options.ttlMs)).unref();
  }

  get size(): number {
    return this.byToken.size;
  }

  /** A new login of `user`; ST_ERR_TOO_MANY_LOGINS when they hold `LIMITS.loginsPerPerson` already. */
  create(user: UserSummary, mobile: boolean): Login {
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
    this.byToken.set(login.token, login);
    this.countByPerson.set(login.userId, (this.countByPerson.get(login.userId) ?? 0) + 1);
    this.updateStreamless(login, now);
    return login;
  }

  /** The live login of a token, or null when unknown or expired. */
  find(token: string): Login | null {
    const login = this.byToken.get(token);
    if (!login) return null;
    if (login.expiresAt <= Date.now()) {
      this.end(login, LoginEnd.Expired);
      return null;
    }
    return login;
  }

  /** A request made with the login: slides its expiry and keeps a stream-less login live. */
  touch(login: Login): void {
    const now = Date.now();
    login.expiresAt = now + this.options.ttlMs;
    login.lastSeenAt = now;
    if (login.streams.size === 0) this.updateStreamless(login, now);
  }

  /** A connected stream keeps its login from expiring without counting as a request. */
  keepAlive(login: Login, now: number): void {
    login.expiresAt = Math.max(login.expiresAt, now + this.options.ttlMs);
  }

  setIdle(login: Login, idle: boolean): void {
    login.idle = idle;
    if (login.streams.size === 0) this.updateStreamless(login, Date.now());
  }

  /** The registry added or removed a stream of the login. */
  streamsChanged(login: Login): void {
    this.updateStreamless(login, Date.now());
  }

  end(login: Login, why: LoginEnd): void {
    if (login.ended) return;
    login.ended = true;
    this.byToken.delete(login.token);
    const left = (this.countByPerson.get(login.userId) ?? 1) - 1;
    if (left > 0) this.countByPerson.set(login.userId, left);
    else this.countByPerson.delete(login.userId);
    this.updateStreamless(login, Date.now());
    this.onEnded(login, why);
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
    for (const login of this.byToken.values()) {
      if (login.expiresAt <= now) this.end(login, LoginEnd.Expired);
    }
  }

  stop(): void {
    clearInterval(this.sweepTimer);
    for (const login of this.byToken.values()) clearTimeout(login.liveTimer);
  }
}
