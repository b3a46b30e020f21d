/**
 * One proxy's place in a Redis-backed cluster: its two connections (commands, and one in
 * subscriber mode), its heartbeat, the list of proxies alive now, the clean-up after proxies that
 * died, and the one dispatcher of everything heard on the subscriber connection.
 *
 * After Redis comes back (a restart, a failover, a network cut) ioredis subscribes again by
 * itself; then every part that keeps state in Redis is asked to `resync`: write what this proxy
 * holds again (a Redis that lost its data is refilled) and re-read what it caches (what was
 * published while the connection was down was lost).
 */
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { FOREGROUND_ELSEWHERE, FORGET_NODE, HEARTBEAT, REAP, SET_SESSIONS, SET_STATUS } from './scripts.ts';

/** People cleaned up per reap call, so one call stays short even after a big proxy died. */
const REAP_BUDGET = 500;

type ChannelHandler = (channel: string, message: string) => void;

/** The commands defined from scripts.ts. */
export interface ScriptedRedis extends Redis {
  setSessions(person: string, node: string, mask: string, graceMs: number): Promise<string>;
  setChosenStatus(person: string, text: string, graceMs: number): Promise<string>;
  heartbeat(node: string, graceMs: number): Promise<string[]>;
  reap(graceMs: number, budget: number): Promise<string[]>;
  forgetNode(node: string, graceMs: number): Promise<number>;
  foregroundElsewhere(key: string, node: string, graceMs: number): Promise<string[]>;
}

export interface RedisNodeOptions {
  url: string;
  nodeId: string;
  graceMs: number;
  log: FastifyBaseLogger;
}

function connect(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    // A request fails after a few tries rather than hanging while Redis is away; what proxies
    // hold in Redis is written again when it is back (resync).
    maxRetriesPerRequest: 3,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 1000),
    lazyConnect: true,
  });
}

export class RedisNode {
  readonly redis: ScriptedRedis;
  readonly subscriber: Redis;
  readonly nodeId: string;
  /**
   * How long after its last heartbeat a proxy still counts: the grace period plus one heartbeat
   * interval, so a proxy that dies right before a beat still keeps its people the whole grace period.
   */
  readonly graceMs: number;
  /** How often this proxy writes its heartbeat. */
  readonly beatEveryMs: number;
  private readonly log: FastifyBaseLogger;
  /** Handlers by channel prefix (`st:p:`, `st:e:`, `st:b:logins`...), longest first. */
  private readonly handlers: [string, ChannelHandler][] = [];
  private readonly resyncs: (() => Promise<void>)[] = [];
  /** Run after each heartbeat, and once more when the proxy stops (its figures: roster.ts). */
  private readonly beatTasks: ((stopping: boolean) => Promise<void>)[] = [];
  private alive = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private beating: Promise<void> = Promise.resolve();
  /** Set when the subscriber lost its connection: the next `ready` resyncs. */
  private lost = false;

  constructor(options: RedisNodeOptions) {
    this.nodeId = options.nodeId;
    // Several beats per grace period, so one late beat never makes a live proxy look dead.
    this.beatEveryMs = Math.max(100, Math.min(5_000, Math.floor(options.graceMs / 4)));
    this.graceMs = options.graceMs + this.beatEveryMs;
    this.log = options.log;
    const redis = connect(options.url, `st-${options.nodeId}`);
    redis.defineCommand('setSessions', { numberOfKeys: 0, lua: SET_SESSIONS });
    redis.defineCommand('setChosenStatus', { numberOfKeys: 0, lua: SET_STATUS });
    redis.defineCommand('heartbeat', { numberOfKeys: 0, lua: HEARTBEAT });
    redis.defineCommand('reap', { numberOfKeys: 0, lua: REAP });
    redis.defineCommand('forgetNode', { numberOfKeys: 0, lua: FORGET_NODE });
    redis.defineCommand('foregroundElsewhere', { numberOfKeys: 1, lua: FOREGROUND_ELSEWHERE });
    this.redis = redis as unknown as ScriptedRedis;
    this.subscriber = connect(options.url, `st-${options.nodeId}-sub`);
    for (const connection of [this.redis, this.subscriber]) {
      connection.on('error', (error: Error) => {
        if (!this.stopped) this.log.warn({ err: error }, 'Redis connection problem');
      });
    }
    this.subscriber.on('message', (channel: string, message: string) => this.dispatch(channel, message));
    this.subscriber.on('close', () => {
      if (!this.stopped) this.lost = true;
    });
    this.subscriber.on('ready', () => {
      if (!this.lost || this.stopped) return;
      this.lost = false;
      // ioredis subscribes again right after `ready`; a PING answered after those replies means
      // the subscriptions are in place, so nothing published from now on is missed.
      setImmediate(() => {
        this.subscriber
          .ping()
          .then(() => this.resync())
          .catch((error: unknown) => this.log.warn({ err: error }, 'Redis resync failed'));
      });
    });
  }

  /** Connects, drops what an earlier run under this name left, and starts the heartbeat. */
  async start(): Promise<void> {
    await Promise.all([this.redis.connect(), this.subscriber.connect()]);
    await this.redis.forgetNode(this.nodeId, this.graceMs);
    await this.beat();
    this.timer = setInterval(() => {
      this.beating = this.beating.then(() => this.beat());
    }, this.beatEveryMs);
    this.timer.unref();
  }

  /** The proxies whose heartbeat is younger than the grace period (as of the last beat). */
  isAlive(nodeId: string): boolean {
    return nodeId === this.nodeId || this.alive.has(nodeId);
  }

  /** A proxy was just heard from (it announced something): it is alive, whatever the last beat said. */
  markAlive(nodeId: string): void {
    this.alive.add(nodeId);
  }

  /** Hears every message on channels starting with `prefix`. */
  on(prefix: string, handler: ChannelHandler): void {
    this.handlers.push([prefix, handler]);
    this.handlers.sort((a, b) => b[0].length - a[0].length);
  }

  /** Called after Redis came back, in the order registered. */
  onResync(task: () => Promise<void>): void {
    this.resyncs.push(task);
  }

  /** Runs `task` after each heartbeat, and once more (`stopping`) before the proxy leaves. */
  onBeat(task: (stopping: boolean) => Promise<void>): void {
    this.beatTasks.push(task);
  }

  private async runBeatTasks(stopping: boolean): Promise<void> {
    for (const task of this.beatTasks) {
      await task(stopping).catch((error: unknown) =>
        this.log.warn({ err: error }, 'Redis heartbeat task failed'),
      );
    }
  }

  private dispatch(channel: string, message: string): void {
    for (const [prefix, handler] of this.handlers) {
      if (channel.startsWith(prefix)) {
        handler(channel, message);
        return;
      }
    }
  }

  private async beat(): Promise<void> {
    if (this.stopped) return;
    try {
      this.alive = new Set(await this.redis.heartbeat(this.nodeId, this.graceMs));
      const forgotten = await this.redis.reap(this.graceMs, REAP_BUDGET);
      if (forgotten.length > 0) this.log.info({ nodes: forgotten }, 'proxies gone from the cluster');
    } catch (error) {
      this.log.warn({ err: error }, 'Redis heartbeat failed');
      return;
    }
    await this.runBeatTasks(false);
  }

  private async resync(): Promise<void> {
    this.log.info('Redis is back: writing this proxy state again');
    await this.beat();
    for (const task of this.resyncs) await task();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.beating;
    await this.runBeatTasks(true);
    // Its people are not dropped here: like a proxy that died, a stopped one takes them offline a
    // grace period later unless they reconnect elsewhere (a rolling restart must not flap them).
    this.subscriber.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
