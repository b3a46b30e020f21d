/**
 * The community shared by every proxy through Redis (the model is in scripts.ts and
 * docs/cluster.md). This proxy writes the session kinds it holds for each person and the statuses
 * chosen on it; the scripts merge them with the other proxies' and publish each new merged state.
 * Watching a person is one SUBSCRIBE per person per proxy (the fan-out counts its own watchers),
 * then a read of the current state.
 */
import { mergePresence, type Presence, type SettableStatus, Status } from '@st/protocol';
import type {
  CommunityHealth,
  CommunityServer,
  PresenceListener,
  SessionContribution,
} from '../../community/types.ts';
import { CommunityUnavailableError } from '../../community/types.ts';
import { contributionsOf, maskOf } from '../../presence/tally.ts';
import type { ChosenStatusStore } from '../../store/types.ts';
import type { RedisNode } from './node.ts';

const CHANNEL = 'st:p:';
/** Set once the chosen statuses of the store are in Redis (gone with Redis's data). */
const STATUSES_LOADED = 'st:statuses-loaded';

/** A merged state as the scripts publish it (`<mask>|<status>|<message>`, empty when offline). */
export function presenceFromState(userId: string, state: string | null): Presence {
  if (!state) return mergePresence(userId, '', []);
  const bar = state.indexOf('|');
  const mask = Number(state.slice(0, bar));
  const rest = state.slice(bar + 1);
  const second = rest.indexOf('|');
  const status = (second < 0 ? '' : rest.slice(0, second)) || Status.Available;
  const message = second < 0 ? '' : rest.slice(second + 1);
  return mergePresence(
    userId,
    message,
    contributionsOf(mask).map((s) => ({ chosen: status as SettableStatus, idle: s.idle, mobile: s.mobile })),
  );
}

function samePresence(a: Presence | undefined, b: Presence): boolean {
  return a !== undefined && a.status === b.status && a.message === b.message && a.mobile === b.mobile;
}

export class RedisCommunity implements CommunityServer {
  /** The mask this proxy holds for each person (written again after Redis comes back). */
  private readonly masks = new Map<string, number>();
  /** Last presence told to listeners, for every watched person. */
  private readonly watched = new Map<string, Presence>();
  private readonly listeners = new Set<PresenceListener>();
  /** People being watched right now: a state heard before the read answers is newer than it. */
  private readonly pending = new Map<string, Presence | undefined>();
  private running = false;

  constructor(
    private readonly node: RedisNode,
    /** Where chosen statuses survive (the proxies' shared store); Redis holds the working copy. */
    private readonly statuses?: ChosenStatusStore,
  ) {
    node.on(CHANNEL, (channel, state) => this.heard(channel.slice(CHANNEL.length), state));
    node.onResync(() => this.resync());
  }

  async start(): Promise<void> {
    await this.loadStatuses();
    this.running = true;
  }

  /** Copies the stored statuses into a Redis that does not have them yet (new, or lost its data). */
  private async loadStatuses(): Promise<void> {
    if (!this.statuses || (await this.node.redis.exists(STATUSES_LOADED)) === 1) return;
    const pipeline = this.node.redis.pipeline();
    for (const [userId, { status, message }] of await this.statuses.chosenStatuses()) {
      pipeline.set(`st:st:${userId}`, `${status}|${message}`, 'NX');
    }
    pipeline.set(STATUSES_LOADED, '1');
    await pipeline.exec();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.listeners.clear();
  }

  async health(): Promise<CommunityHealth> {
    try {
      await this.node.redis.ping();
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: `Redis: ${(error as Error).message}` };
    }
  }

  async setSessions(userId: string, sessions: readonly SessionContribution[]): Promise<void> {
    const mask = maskOf(sessions);
    if (mask === 0) this.masks.delete(userId);
    else this.masks.set(userId, mask);
    await this.node.redis.setSessions(userId, this.node.nodeId, String(mask), this.node.graceMs);
  }

  async setStatus(userId: string, status: SettableStatus, message: string): Promise<void> {
    const cleared = status === Status.Available && message === '';
    const text = cleared ? '' : `${status}|${message}`;
    await this.statuses?.setChosenStatuses(new Map([[userId, cleared ? null : { status, message }]]));
    await this.unavailableAsError(this.node.redis.setChosenStatus(userId, text, this.node.graceMs));
  }

  async watch(userIds: readonly string[]): Promise<Presence[]> {
    if (userIds.length === 0) return [];
    for (const id of userIds) if (!this.watched.has(id)) this.pending.set(id, undefined);
    try {
      await this.unavailableAsError(this.node.subscriber.subscribe(...userIds.map((id) => CHANNEL + id)));
      const states = await this.unavailableAsError(this.node.redis.mget(userIds.map((id) => CHANNEL + id)));
      return userIds.map((id, i) => {
        // A change published while the read was under way is newer: keep what it said.
        const presence = this.pending.get(id) ?? presenceFromState(id, states[i] ?? null);
        if (!this.watched.has(id)) this.watched.set(id, presence);
        return this.watched.get(id)!;
      });
    } finally {
      for (const id of userIds) this.pending.delete(id);
    }
  }

  async unwatch(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    for (const id of userIds) this.watched.delete(id);
    await this.node.subscriber.unsubscribe(...userIds.map((id) => CHANNEL + id));
  }

  async getPresence(userIds: readonly string[]): Promise<Presence[]> {
    if (userIds.length === 0) return [];
    const states = await this.unavailableAsError(this.node.redis.mget(userIds.map((id) => CHANNEL + id)));
    return userIds.map((id, i) => presenceFromState(id, states[i] ?? null));
  }

  onPresence(listener: PresenceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private heard(userId: string, state: string): void {
    if (!this.running) return;
    if (this.pending.has(userId)) this.pending.set(userId, presenceFromState(userId, state));
    else this.tell(presenceFromState(userId, state));
  }

  private tell(presence: Presence): void {
    const before = this.watched.get(presence.userId);
    if (before === undefined || samePresence(before, presence)) return;
    this.watched.set(presence.userId, presence);
    const changes = [presence];
    for (const listener of this.listeners) listener(changes);
  }

  /** Writes this proxy's sessions again, then re-reads every watched person. */
  private async resync(): Promise<void> {
    await this.loadStatuses();
    const pipeline = this.node.redis.pipeline();
    for (const [userId, mask] of this.masks) {
      (pipeline as unknown as RedisNode['redis']).setSessions(
        userId,
        this.node.nodeId,
        String(mask),
        this.node.graceMs,
      );
    }
    await pipeline.exec();
    const ids = [...this.watched.keys()];
    const fresh = await this.getPresence(ids);
    for (const presence of fresh) this.tell(presence);
  }

  private async unavailableAsError<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      throw new CommunityUnavailableError(`Redis: ${(error as Error).message}`);
    }
  }
}
