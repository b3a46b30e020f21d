/**
 * The nodes of a Redis-backed cluster with their figures, for the admin API. Each proxy writes its
 * figures right after its heartbeat: one HSET per heartbeat period into `st:nf` (node → `<Redis
 * time ms>|<JSON>`), whatever happens in between, and once more marked `gone` when it stops. A node
 * whose last write is older than three heartbeat periods stopped without a word (killed, cut off)
 * and is listed as gone; gone nodes are forgotten after an hour.
 */
import { NodeState } from '@st/protocol';
import type { NodeFigures, NodeRecord, NodeRoster } from '../types.ts';
import type { RedisNode } from './node.ts';

const FIGURES = 'st:nf';
/** How long a gone node stays listed, so an administrator sees what happened to it. */
const GONE_KEPT_MS = 60 * 60 * 1000;
/** Heartbeat periods a node may miss before it counts as gone. */
const MISSED_BEATS = 3;

/** ARGV: node, figures JSON. Stamps the figures with Redis's clock, so every node compares alike. */
const WRITE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', '${FIGURES}', ARGV[1], now .. '|' .. ARGV[2])
return now
`;

/** Answers Redis's clock (ms) and every node's stamped figures. */
const READ = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return { tostring(now), redis.call('HGETALL', '${FIGURES}') }
`;

const NOTHING_HELD = {
  logins: 0,
  streams: { websocket: 0, sse: 0, poll: 0 },
  watchedPeople: 0,
  messagesPerSecond: 0,
} as const;

type RosterRedis = RedisNode['redis'] & {
  writeFigures(node: string, json: string): Promise<number>;
  readFigures(): Promise<[string, string[]]>;
};

export class RedisRoster implements NodeRoster {
  private readonly redis: RosterRedis;
  private figures: (() => NodeFigures) | undefined;

  constructor(private readonly node: RedisNode) {
    node.redis.defineCommand('writeFigures', { numberOfKeys: 0, lua: WRITE });
    node.redis.defineCommand('readFigures', { numberOfKeys: 0, lua: READ });
    this.redis = node.redis as RosterRedis;
    node.onBeat(async (stopping) => {
      if (!this.figures) return;
      const figures = this.figures();
      // A stopping proxy holds nothing any more: its last word says so.
      const last: NodeFigures = stopping ? { ...figures, state: NodeState.Gone, ...NOTHING_HELD } : figures;
      await this.redis.writeFigures(node.nodeId, JSON.stringify(last));
    });
  }

  report(figures: () => NodeFigures): void {
    this.figures = figures;
  }

  async list(): Promise<NodeRecord[]> {
    const [nowText, fields] = await this.redis.readFigures();
    const now = Number(nowText);
    const silentAfter = this.node.beatEveryMs * MISSED_BEATS;
    const records: NodeRecord[] = [];
    const forget: string[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const id = fields[i]!;
      const value = fields[i + 1]!;
      const bar = value.indexOf('|');
      const at = Number(value.slice(0, bar));
      let figures: NodeFigures;
      try {
        figures = JSON.parse(value.slice(bar + 1)) as NodeFigures;
      } catch {
        forget.push(id);
        continue;
      }
      const silent = now - at > silentAfter;
      if ((silent || figures.state === NodeState.Gone) && now - at > GONE_KEPT_MS) {
        forget.push(id);
        continue;
      }
      records.push({ ...figures, id, lastHeartbeatAt: at, state: silent ? NodeState.Gone : figures.state });
    }
    if (forget.length > 0) await this.redis.hdel(FIGURES, ...forget);
    return records;
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }
}
