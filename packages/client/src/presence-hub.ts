/**
 * One shared, ref-counted presence stream per person. The first subscriber anywhere on the page
 * makes the person watched; when the last one leaves (and nobody comes back within
 * `releaseDelayMs`, so an element re-attached in the same frame does not churn) they are unwatched.
 */
import { isUserId, type Presence, Status } from '@st/protocol/core';
import { BehaviorSubject, Observable, ReplaySubject, share, timer } from 'rxjs';

export const DEFAULT_RELEASE_DELAY_MS = 1000;

export interface WatchTarget {
  want(id: string): void;
  unwant(id: string): void;
}

export function unknownPresence(userId: string): Presence {
  return { userId, status: Status.Unknown, message: '', mobile: false };
}

function samePresence(a: Presence, b: Presence): boolean {
  return a.status === b.status && a.message === b.message && a.mobile === b.mobile;
}

export function isValidUserId(userId: string): boolean {
  return isUserId(userId);
}

export class PresenceHub {
  /** Last value per person: from the server, or from the cache until the server speaks. */
  private readonly known = new Map<string, Presence>();
  /** People the server has spoken about since the last reset: the cache must not override them. */
  private readonly live = new Set<string>();
  private readonly subjects = new Map<string, BehaviorSubject<Presence>>();
  private readonly refs = new Map<string, number>();
  private readonly shared = new Map<string, Observable<Presence>>();

  constructor(
    private readonly target: WatchTarget,
    private readonly onFirstWatcher: () => void,
    private readonly releaseDelayMs = DEFAULT_RELEASE_DELAY_MS,
  ) {}

  /** How many people have at least one subscriber. */
  get watched(): number {
    return this.refs.size;
  }

  /**
   * The person's presence, shared by every caller. `watch: false` is for the client's own person,
   * whose presence the proxy sends every stream unasked: adding them to the watch list would only
   * cost a frame and a place in it.
   */
  observe(userId: string, watch = true): Observable<Presence> {
    const existing = this.shared.get(userId);
    if (existing) return existing;
    const source: Observable<Presence> = new Observable<Presence>((subscriber) => {
      const subscription = this.acquire(userId, watch).subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        this.release(userId);
        if (this.shared.get(userId) === shared) this.shared.delete(userId);
      };
    });
    const shared = source.pipe(
      share({
        connector: () => new ReplaySubject<Presence>(1),
        resetOnRefCountZero: () => timer(this.releaseDelayMs),
      }),
    );
    this.shared.set(userId, shared);
    return shared;
  }

  /** A value from the server. */
  update(presence: Presence): void {
    this.live.add(presence.userId);
    this.set(presence);
  }

  /** Values from the cache: they only fill in people the server has not spoken about yet. */
  seed(presences: Iterable<Presence>): void {
    for (const presence of presences) {
      if (!this.live.has(presence.userId)) this.set(presence);
    }
  }

  /** Forget every value (logout, another user): everyone shown reverts to `unknown`. */
  reset(): void {
    this.known.clear();
    this.live.clear();
    for (const [userId, subject] of this.subjects) {
      if (isValidUserId(userId)) subject.next(unknownPresence(userId));
    }
  }

  private set(presence: Presence): void {
    const previous = this.known.get(presence.userId);
    if (previous && samePresence(previous, presence)) return;
    this.known.set(presence.userId, presence);
    this.subjects.get(presence.userId)?.next(presence);
  }

  private acquire(userId: string, watch: boolean): BehaviorSubject<Presence> {
    let subject = this.subjects.get(userId);
    if (!subject) {
      // The proxy calls an id that is no person `offline`; one that cannot be an id is no person.
      const initial = isValidUserId(userId)
        ? (this.known.get(userId) ?? unknownPresence(userId))
        : { ...unknownPresence(userId), status: Status.Offline };
      subject = new BehaviorSubject<Presence>(initial);
      this.subjects.set(userId, subject);
    }
    const count = this.refs.get(userId) ?? 0;
    this.refs.set(userId, count + 1);
    if (count === 0 && isValidUserId(userId)) {
      if (watch) this.target.want(userId);
      this.onFirstWatcher();
    }
    return subject;
  }

  private release(userId: string): void {
    const count = this.refs.get(userId) ?? 0;
    if (count > 1) {
      this.refs.set(userId, count - 1);
      return;
    }
    this.refs.delete(userId);
    this.subjects.delete(userId);
    if (isValidUserId(userId)) this.target.unwant(userId);
  }
}
