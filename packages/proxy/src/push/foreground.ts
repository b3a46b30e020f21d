/**
 * Whether a person is in front of a screen, for the push sender: pushes go only to people with no
 * foreground session. The logins are indexed by person here (a `LoginStore` that also keeps
 * that index), so the question costs a look at the person's own logins.
 *
 * A session is in the foreground when it is live now and is either
 * - a web login: live means a connected stream, or a request within the grace period (a client
 *   that polls the API without a stream); a stream only waiting out its grace period after its
 *   tab closed is not in front of anyone;
 * - a mobile login that has not reported `PUT /api/v1/session/state {"foreground":false}`: live in
 *   the same way, so an app the phone killed without a word stops counting after the grace period.
 */
import {
  type EndOrigin,
  type Login,
  type LoginEnd,
  LoginStore,
  type LoginStoreOptions,
} from '../auth/logins.ts';

export class IndexedLoginStore extends LoginStore {
  private readonly byPerson = new Map<string, Set<Login>>();

  constructor(private readonly indexOptions: LoginStoreOptions) {
    super(indexOptions);
  }

  protected override added(login: Login): void {
    const own = this.byPerson.get(login.userId);
    if (own) own.add(login);
    else this.byPerson.set(login.userId, new Set([login]));
    super.added(login);
  }

  override end(login: Login, why: LoginEnd, origin: EndOrigin = 'here'): void {
    super.end(login, why, origin);
    const own = this.byPerson.get(login.userId);
    own?.delete(login);
    if (own?.size === 0) this.byPerson.delete(login.userId);
  }

  /** The person's logins that have not ended (expired ones linger until swept or used). */
  loginsOf(userId: string): Iterable<Login> {
    return this.byPerson.get(userId) ?? [];
  }

  /** Whether any session of the person is in the foreground now (see the top of this file). */
  hasForeground(userId: string, now = Date.now()): boolean {
    for (const login of this.loginsOf(userId)) {
      if (login.ended || login.expiresAt <= now) continue;
      if (login.mobile && !login.foreground) continue;
      if (now - login.lastSeenAt < this.indexOptions.graceMs) return true;
      for (const stream of login.streams) if (stream.transport !== null) return true;
    }
    return false;
  }

  /**
   * Until when the person is in the foreground here as things stand (for the rest of a cluster):
   * `Infinity` while a foreground session has a connected stream, the end of the last request's
   * grace period otherwise, 0 when not in the foreground at all.
   */
  foregroundUntil(userId: string, now = Date.now()): number {
    let until = 0;
    for (const login of this.loginsOf(userId)) {
      if (login.ended || login.expiresAt <= now) continue;
      if (login.mobile && !login.foreground) continue;
      for (const stream of login.streams) if (stream.transport !== null) return Number.POSITIVE_INFINITY;
      until = Math.max(until, login.lastSeenAt + this.indexOptions.graceMs);
    }
    return until > now ? until : 0;
  }
}
