/**
 * Where people can be reached across the cluster, for chat's offline queue and for push.
 *
 * - Live streams: each proxy keeps the people with a live stream on it in `st:lv:<proxy>` and
 *   announces each change on `st:b:live` (`+<proxy> <person>` / `-<proxy> <person>`). Every proxy
 *   mirrors the others' sets in memory, because chat asks inside a store transaction, where there
 *   is no time for a round trip. A proxy that died counts until it is forgotten (its people stay
 *   reachable for the grace period, like its streams would have).
 * - Foreground: `st:fg:<person>` holds, per proxy, until when the person is in the foreground
 *   there (`-1`: for as long as that proxy lives, it has a connected foreground stream). Push asks
 *   it only when no session here is in the foreground.
 */
import type { ClusterReach, LocalReach } from '../types.ts';
import type { RedisNode } from './node.ts';

const LIVE = 'st:b:live';
const NODES = 'st:b:nodes';
/** Foreground entries are kept this long after their last write, at most. */
const FOREGROUND_TTL_MS = 86_400_000;

interface Written {
  live: boolean;
  /** As written: -1 (while the proxy lives), an epoch ms, or 0 (nothing). */
  foreground: number;
}

export class RedisReach implements ClusterReach {
  /** The other proxies' people with live streams: person → proxies. */
  private readonly remote = new Map<string, Set<string>>();
  private readonly written = new Map<string, Written>();
  private readonly dirty = new Set<string>();
  private scheduled = false;
  private local: (userId: string) => LocalReach = () => ({ live: false, foregroundUntil: 0 });

  constructor(private readonly node: RedisNode) {
    node.on(LIVE, (_channel, message) => this.heardLive(message));
    node.on(NODES, (_channel, nodeId) => this.forgetNode(nodeId));
    node.onResync(() => this.resync());
  }

  /** Subscribes and loads the other proxies' live people; `local` says what this proxy holds. */
  async start(local: (userId: string) => LocalReach): Promise<void> {
    this.local = local;
    await this.node.subscriber.subscribe(LIVE, NODES);
    await this.loadRemote();
  }

  liveElsewhere(userId: string): boolean {
    const nodes = this.remote.get(userId);
    if (!nodes) return false;
    for (const nodeId of nodes) if (this.node.isAlive(nodeId)) return true;
    return false;
  }

  async foregroundElsewhere(userId: string): Promise<boolean> {
    const node = this.node;
    const values = await node.redis.foregroundElsewhere(`st:fg:${userId}`, node.nodeId, node.graceMs);
    const now = Date.now();
    return values.some((value) => {
      const until = Number(value);
      return until === -1 || until > now;
    });
  }

  changed(userId: string): void {
    this.dirty.add(userId);
    if (this.scheduled) return;
    this.scheduled = true;
    // One look per person per turn, however many streams and requests changed it.
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const redis = this.node.redis;
    const me = this.node.nodeId;
    const now = Date.now();
    for (const userId of this.dirty) {
      const { live, foregroundUntil } = this.local(userId);
      const foreground = foregroundUntil === Number.POSITIVE_INFINITY ? -1 : foregroundUntil;
      const before = this.written.get(userId) ?? { live: false, foreground: 0 };
      if (live !== before.live) {
        if (live) redis.sadd(`st:lv:${me}`, userId).catch(() => {});
        else redis.srem(`st:lv:${me}`, userId).catch(() => {});
        redis.publish(LIVE, `${live ? '+' : '-'}${me} ${userId}`).catch(() => {});
      }
      let kept = before.foreground;
      if (this.foregroundWorthWriting(before.foreground, foreground, now)) {
        const key = `st:fg:${userId}`;
        if (foreground === 0) redis.hdel(key, me).catch(() => {});
        else
          redis
            .multi()
            .hset(key, me, foreground)
            .pexpire(key, FOREGROUND_TTL_MS)
            .exec()
            .catch(() => {});
        kept = foreground;
      }
      if (live || kept !== 0) this.written.set(userId, { live, foreground: kept });
      else this.written.delete(userId);
    }
    this.dirty.clear();
  }

  /**
   * Every request moves a foreground deadline a little; it is written only when it moves far
   * (half the gap to the old deadline), changes kind, or ends.
   */
  private foregroundWorthWriting(before: number, after: number, now: number): boolean {
    if (before === after) return false;
    if (before <= 0 || after <= 0) return true;
    if (after < before) return true;
    return after - before > (before - now) / 2 || before < now;
  }

  private heardLive(message: string): void {
    const space = message.indexOf(' ');
    const nodeId = message.slice(1, space);
    if (nodeId === this.node.nodeId) return;
    const userId = message.slice(space + 1);
    this.node.markAlive(nodeId);
    if (message[0] === '+') this.addRemote(userId, nodeId);
    else {
      const nodes = this.remote.get(userId);
      nodes?.delete(nodeId);
      if (nodes?.size === 0) this.remote.delete(userId);
    }
  }

  private addRemote(userId: string, nodeId: string): void {
    const nodes = this.remote.get(userId);
    if (nodes) nodes.add(nodeId);
    else this.remote.set(userId, new Set([nodeId]));
  }

  private forgetNode(nodeId: string): void {
    for (const [userId, nodes] of this.remote) {
      if (nodes.delete(nodeId) && nodes.size === 0) this.remote.delete(userId);
    }
  }

  private async loadRemote(): Promise<void> {
    const nodes = await this.node.redis.zrange('st:nodes', 0, -1);
    const others = nodes.filter((n) => n !== this.node.nodeId);
    const pipeline = this.node.redis.pipeline();
    for (const nodeId of others) pipeline.smembers(`st:lv:${nodeId}`);
    const answers = (await pipeline.exec()) ?? [];
    this.remote.clear();
    others.forEach((nodeId, i) => {
      for (const userId of (answers[i]?.[1] as string[] | undefined) ?? []) this.addRemote(userId, nodeId);
    });
  }

  /** After Redis came back: this proxy's entries are written again and the others' read again. */
  private async resync(): Promise<void> {
    const people = [...this.written.keys()];
    this.written.clear();
    await this.node.redis.del(`st:lv:${this.node.nodeId}`);
    for (const userId of people) this.changed(userId);
    await this.loadRemote();
  }
}
