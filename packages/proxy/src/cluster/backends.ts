/**
 * The one place where the settings choose the backends of what proxies share: without
 * `ST_REDIS_URL` everything stays in this process (the zero-configuration default); with it the
 * community (presence), the logins, the event bus, who is reachable where and the push badges
 * live in Redis, and so do the shared limits and used single sign-on `jti`s (limits/open.ts
 * otherwise), so any number of proxies serve one community (docs/cluster.md).
 */
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { CommunityServer } from '../community/types.ts';
import type { ProxyConfig } from '../config.ts';
import type { SharedGuards } from '../limits/open.ts';
import type { BadgeSource } from '../push/badges.ts';
import type { ChosenStatusStore } from '../store/types.ts';
import { LOCAL_BUS, LOCAL_REACH, LocalRoster } from './embedded.ts';
import { RedisBadges } from './redis/badges.ts';
import { RedisEventBus } from './redis/bus.ts';
import { RedisCommunity } from './redis/community.ts';
import { RedisLimitStore } from './redis/limits.ts';
import { RedisNode } from './redis/node.ts';
import { RedisReach } from './redis/reach.ts';
import { RedisReplayStore } from './redis/replay.ts';
import { RedisRoster } from './redis/roster.ts';
import { RedisSessionStore } from './redis/sessions.ts';
import type { ClusterReach, EventBus, LocalReach, NodeRoster, SessionStore } from './types.ts';

export interface ClusterBackends {
  /** This proxy's name in the cluster (ST_NODE_ID). */
  nodeId: string;
  /** Whether other proxies share this one's state. */
  shared: boolean;
  /** The shared community; undefined for one proxy (the embedded community is then used). */
  community?: CommunityServer | undefined;
  sessions?: SessionStore | undefined;
  bus: EventBus;
  reach: ClusterReach;
  badges?: BadgeSource | undefined;
  /** The nodes and their figures (the admin API's view of the cluster). */
  roster: NodeRoster;
  /** Shared limits and used SSO jtis (undefined: limits/open.ts keeps them in this process). */
  guards?: SharedGuards | undefined;
  /** Joins the cluster once the proxy can answer what it holds for a person. */
  start(local: (userId: string) => LocalReach): Promise<void>;
  /** Runs `task` whenever the shared backend came back and may have lost what it held. */
  onResync(task: () => Promise<void>): void;
  close(): Promise<void>;
}

export function defaultNodeId(config: Pick<ProxyConfig, 'nodeId' | 'port'>): string {
  return config.nodeId ?? `${hostname()}:${config.port === 0 ? `pid${process.pid}` : config.port}`;
}

export async function openBackends(
  config: ProxyConfig,
  log: FastifyBaseLogger,
  /** Where chosen statuses survive a Redis that lost its data (the proxies' shared store). */
  statuses?: ChosenStatusStore,
): Promise<ClusterBackends> {
  const nodeId = defaultNodeId(config);
  if (!config.redisUrl) {
    return {
      nodeId,
      shared: false,
      bus: LOCAL_BUS,
      reach: LOCAL_REACH,
      roster: new LocalRoster(nodeId),
      start: async () => {},
      onResync: () => {},
      close: async () => {},
    };
  }
  const node = new RedisNode({ url: config.redisUrl, nodeId, graceMs: config.graceSeconds * 1000, log });
  const reach = new RedisReach(node);
  const backends: ClusterBackends = {
    nodeId,
    shared: true,
    community: new RedisCommunity(node, statuses),
    sessions: new RedisSessionStore(node),
    bus: new RedisEventBus(node),
    reach,
    badges: new RedisBadges(node),
    roster: new RedisRoster(node),
    guards: { limits: new RedisLimitStore(node), replay: new RedisReplayStore(node) },
    start: (local) => reach.start(local),
    onResync: (task) => node.onResync(task),
    close: () => node.stop(),
  };
  await node.start();
  log.info({ nodeId }, 'joined the cluster through Redis');
  return backends;
}
