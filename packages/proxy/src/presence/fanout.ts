import { offlinePresence, type Presence } from '@st/protocol';
import type { CommunityServer } from '../community/types.ts';
import { type PrivacyRule, ruleAllows, type Visibility } from '../privacy/rule.ts';
import { presenceBody } from '../stream/ring-buffer.ts';
import type { Stream } from '../stream/stream.ts';

/** One person's change, serialized once for every stream. */
export interface PendingChange {
  /** The presence object as JSON. */
  json: string;
  /** A whole presence event body holding just this change (what most streams get). */
  body: string;
}

/** The streams watching one person, with the one copy of the person's id they all share. */
class Watchers extends Set<Stream> {
  constructor(readonly id: string) {
    super();
  }
}

export interface FanoutCounters {
  /** Counted as a plain number on the hot path (see metrics.ts). */
  hot: { presenceChanges: number };
  /** Called with the number of streams one coalesced batch reached. */
  observeBatch(streams: number): void;
}

/**
 * Who watches whom, and delivery of presence changes to them. Each change is serialized once,
 * with its event body; each stream splices in only its own sequence number (see `Stream.emit`).
 * Changes within one turn of the event loop are coalesced: a stream gets one event for all of
 * them, and a person changing twice is sent once, as they are now.
 *
 * Privacy: a person with a restrictive list (see privacy/rule.ts) has a rule, checked per watcher;
 * a watcher who may not see them gets nothing when they change (not even `offline`, which would
 * tell when they are active) and `offline` in snapshots. People without a rule, the common case,
 * cost one map lookup per change and no per-watcher work.
 */
export class PresenceFanout {
  private readonly watchers = new Map<string, Watchers>();
  /** Serialized current presence of every watched person. */
  private readonly cache = new Map<string, string>();
  private readonly changed = new Map<string, PendingChange>();
  private readonly touched: Stream[] = [];
  private scheduled = false;
  private readonly unsubscribe: () => void;
  /** Subscriptions under way, by person: a second watcher waits for the first one's answer. */
  private readonly subscribing = new Map<string, Promise<void>>();

  constructor(
    private readonly community: CommunityServer,
    private readonly counters: FanoutCounters,
    /** Who may see whom; without it everyone sees everyone. */
    private readonly visibility: Visibility = { ruleFor: () => undefined },
  ) {
    this.unsubscribe = community.onPresence((changes) => this.onChanges(changes));
  }

  stop(): void {
    this.unsubscribe();
  }

  /** People watched by at least one stream of this proxy (each is one community subscription). */
  get watchedPeople(): number {
    return this.watchers.size;
  }

  /**
   * Adds `stream` as a watcher of `ids`; answers the ids nobody here watched before, for which the
   * caller must then await `subscribe`.
   */
  add(stream: Stream, ids: Iterable<string>): string[] {
    const fresh: string[] = [];
    for (const id of ids) {
      let set = this.watchers.get(id);
      if (!set) {
        set = new Watchers(id);
        this.watchers.set(id, set);
        fresh.push(id);
      }
      set.add(stream);
    }
    return fresh;
  }

  /**
   * The shared copy of a watched id: streams keep it rather than the copy their own watch frame
   * parsed, so 10,000 streams watching 50 people hold 50 strings, not 500,000.
   */
  intern(id: string): string {
    return this.watchers.get(id)?.id ?? id;
  }

  remove(stream: Stream, ids: Iterable<string>): void {
    const released: string[] = [];
    for (const id of ids) {
      const set = this.watchers.get(id);
      if (!set?.delete(stream) || set.size > 0) continue;
      this.watchers.delete(id);
      this.cache.delete(id);
      released.push(id);
    }
    if (released.length > 0) this.community.unwatch(released).catch(() => {});
  }

  /**
   * Subscribes the community to people newly watched here (`fresh`) and caches their presence;
   * resolves once every one of `watched` is cached, including those another stream's watch is
   * still subscribing to: a snapshot sent before that would say offline, and no change would come
   * to correct it.
   */
  async subscribe(fresh: readonly string[], watched: readonly string[] = fresh): Promise<void> {
    if (fresh.length > 0) {
      const subscribing = this.watchAndCache(fresh);
      for (const id of fresh) this.subscribing.set(id, subscribing);
      void subscribing
        .finally(() => {
          for (const id of fresh) if (this.subscribing.get(id) === subscribing) this.subscribing.delete(id);
        })
        .catch(() => {});
      await subscribing;
    }
    const others = new Set<Promise<void>>();
    for (const id of watched) {
      const pending = this.subscribing.get(id);
      if (pending) others.add(pending);
    }
    // Another stream's failure is that stream's to report; this one sends what is known.
    if (others.size > 0) await Promise.allSettled(others);
  }

  private async watchAndCache(ids: readonly string[]): Promise<void> {
    const current = await this.community.watch(ids);
    for (const presence of current) {
      // A change heard while `watch` was under way is newer than its answer: keep the change.
      if (this.watchers.has(presence.userId) && !this.cache.has(presence.userId)) {
        this.cache.set(presence.userId, JSON.stringify(presence));
      }
    }
  }

  /**
   * Sends `stream` one presence event with the current presence of `ids` (offline when unknown,
   * or when the person's privacy list hides them from the stream).
   */
  sendSnapshot(stream: Stream, ids: readonly string[]): void {
    if (ids.length === 0 || stream.ended) return;
    stream.emit(
      'presence',
      ids.map((id) => {
        const cached = this.cache.get(id);
        return cached !== undefined && ruleAllows(this.visibility.ruleFor(id), stream.userId)
          ? cached
          : JSON.stringify(offlinePresence(id));
      }),
    );
  }

  /**
   * A person's privacy list changed: watchers who may no longer see them get `offline` now, those
   * who now may get their presence now; the others hear nothing.
   */
  reevaluate(userId: string, before: PrivacyRule | undefined, after: PrivacyRule | undefined): void {
    const set = this.watchers.get(userId);
    const cached = this.cache.get(userId);
    // Without a cached presence the watch is still being set up; its snapshot applies the new rule.
    if (!set || cached === undefined) return;
    const hidden = JSON.stringify(offlinePresence(userId));
    for (const stream of set) {
      const could = ruleAllows(before, stream.userId);
      const can = ruleAllows(after, stream.userId);
      if (could !== can && !stream.ended) stream.emit('presence', [can ? cached : hidden]);
    }
  }

  private onChanges(changes: readonly Presence[]): void {
    for (const presence of changes) {
      if (!this.watchers.has(presence.userId)) continue;
      const json = JSON.stringify(presence);
      this.cache.set(presence.userId, json);
      this.changed.set(presence.userId, { json, body: presenceBody(json) });
      this.counters.hot.presenceChanges++;
    }
    if (this.changed.size > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const touched = this.touched;
    for (const [userId, change] of this.changed) {
      const set = this.watchers.get(userId);
      if (!set) continue;
      // Looked up when the change goes out, so a list changed since the change arrived applies.
      const rule = this.visibility.ruleFor(userId);
      for (const stream of set) {
        if (rule !== undefined && !rule.allows(stream.userId)) continue;
        if (stream.pendingFirst === undefined) {
          stream.pendingFirst = change;
          touched.push(stream);
        } else if (stream.pendingMore === undefined) {
          stream.pendingMore = [change];
        } else {
          stream.pendingMore.push(change);
        }
      }
    }
    this.changed.clear();
    for (const stream of touched) {
      const first = stream.pendingFirst!;
      const more = stream.pendingMore;
      stream.pendingFirst = undefined;
      stream.pendingMore = undefined;
      if (more === undefined) stream.emit('presence', first.body);
      else stream.emit('presence', [first.json, ...more.map((c) => c.json)]);
    }
    if (touched.length > 0) this.counters.observeBatch(touched.length);
    touched.length = 0;
  }
}
