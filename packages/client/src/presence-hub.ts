/**
 * One shared, ref-counted presence stream per person. The first subscriber anywhere on the page
 * makes the person watched; when the last one leaves (and nobody comes back within
 * `releaseDelayMs`, so an element re-attached in the same frame does not churn) they are unwatched.
 *
 * This is the SDK's hot path (every presence event of every watched person goes through
 * `update`), so each person is one slot found with one map lookup, and a new value goes straight
 * to the subscribers' array: no Subject chain, and no allocation but the value itself.
 */
import { isUserId, type Presence, Status } from '@st/protocol/core';
import { Observable, type Subscriber } from 'rxjs';

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

const NO_SUBSCRIBERS: readonly Subscriber<Presence>[] = [];

/** What the hub holds for one person: the last value, and who follows it. */
interface Slot {
  /** From the server, or from the cache until the server speaks; undefined: nothing heard. */
  value: Presence | undefined;
  /** The server has spoken about the person since the last reset: the cache must not override. */
  live: boolean;
  /** Replaced, never changed in place, so an emission in progress is not disturbed. */
  subscribers: readonly Subscriber<Presence>[];
  /** The shared observable, while anyone follows the person or the release delay runs. */
  observable: Observable<Presence> | undefined;
  /** Whether the person is on the watch list on behalf of this slot's subscribers. */
  acquired: boolean;
  watch: boolean;
  releaseTimer: ReturnType<typeof setTimeout> | undefined;
}

export class PresenceHub {
  private readonly slots = new Map<string, Slot>();
  private acquiredCount = 0;

  constructor(
    private readonly target: WatchTarget,
    private readonly onFirstWatcher: () => void,
    private readonly releaseDelayMs = DEFAULT_RELEASE_DELAY_MS,
  ) {}

  /** How many people have at least one subscriber (or are within their release delay). */
  get watched(): number {
    return this.acquiredCount;
  }

  /**
   * The person's presence, shared by every caller. `watch: false` is for the client's own person,
   * whose presence the proxy sends every stream unasked: adding them to the watch list would only
   * cost a frame and a place in it.
   */
  observe(userId: string, watch = true): Observable<Presence> {
    const slot = this.slot(userId);
    slot.observable ??= this.follow(userId, slot, watch);
    return slot.observable;
  }

  /** The last value known of a person, if any. */
  current(userId: string): Presence | undefined {
    return this.slots.get(userId)?.value;
  }

  /** A value from the server. */
  update(presence: Presence): void {
    const slot = this.slot(presence.userId);
    slot.live = true;
    this.set(slot, presence);
  }

  /** Values from the cache: they only fill in people the server has not spoken about yet. */
  seed(presences: Iterable<Presence>): void {
    for (const presence of presences) {
      const slot = this.slot(presence.userId);
      if (!slot.live) this.set(slot, presence);
    }
  }

  /** Forget every value (logout, another user): everyone shown reverts to `unknown`. */
  reset(): void {
    for (const [userId, slot] of this.slots) {
      slot.value = undefined;
      slot.live = false;
      if (!slot.observable) this.slots.delete(userId);
      else if (isValidUserId(userId)) this.emit(slot, unknownPresence(userId));
    }
  }

  private slot(userId: string): Slot {
    let slot = this.slots.get(userId);
    if (!slot) {
      slot = {
        value: undefined,
        live: false,
        subscribers: NO_SUBSCRIBERS,
        observable: undefined,
        acquired: false,
        watch: true,
        releaseTimer: undefined,
      };
      this.slots.set(userId, slot);
    }
    return slot;
  }

  private set(slot: Slot, presence: Presence): void {
    const previous = slot.value;
    if (previous && samePresence(previous, presence)) return;
    slot.value = presence;
    this.emit(slot, presence);
  }

  private emit(slot: Slot, presence: Presence): void {
    const subscribers = slot.subscribers;
    for (let i = 0; i < subscribers.length; i++) subscribers[i]!.next(presence);
  }

  private follow(userId: string, slot: Slot, watch: boolean): Observable<Presence> {
    slot.watch = watch;
    const observable = new Observable<Presence>((subscriber) => {
      // Kept past its release by a caller, and a new one made meanwhile: follow that one instead.
      const current = this.slots.get(userId);
      if (current !== slot && current?.observable) return current.observable.subscribe(subscriber);
      if (current !== slot) {
        slot.value = current?.value;
        slot.live = current?.live ?? false;
        slot.observable = observable;
        this.slots.set(userId, slot);
      }
      slot.observable ??= observable;
      if (slot.releaseTimer !== undefined) clearTimeout(slot.releaseTimer);
      slot.releaseTimer = undefined;
      if (!slot.acquired) this.acquire(userId, slot);
      slot.subscribers = [...slot.subscribers, subscriber];
      subscriber.next(slot.value ?? this.initial(userId));
      return () => {
        slot.subscribers = slot.subscribers.filter((s) => s !== subscriber);
        if (slot.subscribers.length > 0) return;
        slot.releaseTimer = setTimeout(() => this.release(userId, slot), this.releaseDelayMs);
      };
    });
    return observable;
  }

  /** The proxy calls an id that is no person `offline`; one that cannot be an id is no person. */
  private initial(userId: string): Presence {
    return isValidUserId(userId)
      ? unknownPresence(userId)
      : { ...unknownPresence(userId), status: Status.Offline };
  }

  private acquire(userId: string, slot: Slot): void {
    slot.acquired = true;
    this.acquiredCount++;
    if (isValidUserId(userId)) {
      if (slot.watch) this.target.want(userId);
      this.onFirstWatcher();
    }
  }

  private release(userId: string, slot: Slot): void {
    slot.releaseTimer = undefined;
    slot.observable = undefined;
    slot.acquired = false;
    this.acquiredCount--;
    if (!isValidUserId(userId)) {
      this.slots.delete(userId);
      return;
    }
    if (slot.value === undefined) this.slots.delete(userId);
    if (slot.watch) this.target.unwant(userId);
  }
}
