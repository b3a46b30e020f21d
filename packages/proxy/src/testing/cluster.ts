/**
 * A whole cluster for tests, benchmarks and `npm run cluster`: one Redis, one PostgreSQL, N
 * proxies in processes of their own (node1..N, each on a port of its own, so one can be killed
 * or restarted on the same address) and HAProxy in front with the shipped configuration. Every
 * server runs from a temporary folder on 127.0.0.1 and is gone after `close`.
 */
import type { HaproxyNode } from '../cluster/haproxy-config.ts';
import { startHaproxy, type TestHaproxy } from './haproxy.ts';
import { TestPostgres } from './postgres.ts';
import { type ProxyProcess, startProxyProcess } from './proxy-process.ts';
import { startRedis, type TestRedis } from './redis.ts';
import { freePort } from './server-process.ts';

export interface ClusterOptions {
  nodes?: number;
  /** `ST_*` settings of every proxy (beside the cluster's own). */
  env?: Record<string, string>;
  /** The balancer's port (default: a free one). */
  port?: number;
  /** Affinity without a request for this long (default 1800 s). */
  stickySeconds?: number;
  /** HAProxy's health check interval (default 500 ms: a test wants to see a node go quickly). */
  checkIntervalMs?: number;
  /** Whether PostgreSQL fsyncs (default false: tests need the data to outlive a proxy, not the machine). */
  fsync?: boolean;
}

export interface ClusterNode extends HaproxyNode {
  port: number;
  /** The running process; undefined while the node is down. */
  process: ProxyProcess | undefined;
}

export interface TestCluster {
  /** The balancer: where clients go. */
  url: string;
  haproxy: TestHaproxy;
  redis: TestRedis;
  postgres: TestPostgres;
  nodes: ClusterNode[];
  node(name: string): ClusterNode;
  /** Starts a node that is down (again on its own port). */
  start(name: string): Promise<void>;
  /** SIGKILL: no drain, no goodbye. */
  kill(name: string): Promise<void>;
  /** SIGTERM: drains and exits; answers the exit code. */
  stop(name: string): Promise<number | null>;
  /** Resolves once HAProxy's health checks count `name` as up (or down). */
  waitForBalancer(name: string, up: boolean): Promise<void>;
  /**
   * Stops everything. With `drain`, the proxies get SIGTERM first and finish what they hold (as
   * an administrator's stop would); without, SIGKILL, which is all a test's clean-up needs.
   */
  close(options?: { drain?: boolean }): Promise<void>;
}

const UP = 2;

export async function startCluster(options: ClusterOptions = {}): Promise<TestCluster> {
  const count = options.nodes ?? 3;
  const redis = await startRedis();
  const postgres = await TestPostgres.start({ fsync: options.fsync ?? false }).catch(
    async (error: unknown) => {
      await redis.stop();
      throw error;
    },
  );
  const nodes: ClusterNode[] = [];
  let haproxy: TestHaproxy | undefined;
  const close = async ({ drain = false } = {}) => {
    if (drain) await Promise.all(nodes.map((node) => node.process?.stop()));
    await haproxy?.stop();
    await Promise.all(nodes.map((node) => node.process?.kill()));
    await postgres.dispose();
    await redis.stop();
  };
  try {
    const databaseUrl = await postgres.createDatabase('st');
    for (let n = 1; n <= count; n++) {
      const port = await freePort();
      nodes.push({ name: `node${n}`, address: `127.0.0.1:${port}`, port, process: undefined });
    }
    const env = (node: ClusterNode): Record<string, string> => ({
      ST_REDIS_URL: redis.url,
      ST_DATABASE_URL: databaseUrl,
      ST_NODE_ID: node.name,
      ST_TRUST_PROXY: 'loopback',
      ...options.env,
      ST_PORT: String(node.port),
    });
    const node = (name: string) => {
      const found = nodes.find((n) => n.name === name);
      if (!found) throw new Error(`no node ${name}`);
      return found;
    };
    const start = async (name: string) => {
      const target = node(name);
      if (target.process) throw new Error(`${name} is running`);
      target.process = await startProxyProcess(env(target));
    };
    // One at a time: the first creates the store's tables, the others find them.
    for (const n of nodes) await start(n.name);
    haproxy = await startHaproxy({
      nodes,
      port: options.port,
      stickySeconds: options.stickySeconds,
      checkIntervalMs: options.checkIntervalMs ?? 500,
    });
    const balancer = haproxy;
    const waitForBalancer = async (name: string, up: boolean) => {
      for (;;) {
        const state = (await balancer.serverStates())[name];
        if (state && (state.operational === UP) === up) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    for (const n of nodes) await waitForBalancer(n.name, true);
    return {
      url: balancer.url,
      haproxy: balancer,
      redis,
      postgres,
      nodes,
      node,
      start,
      kill: async (name) => {
        const target = node(name);
        const running = target.process;
        target.process = undefined;
        await running?.kill();
      },
      stop: async (name) => {
        const target = node(name);
        const running = target.process;
        target.process = undefined;
        return (await running?.stop()) ?? null;
      },
      waitForBalancer,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export { LOAD_PASSWORD, loadPersonId, writePeopleFile } from './people-file.ts';
