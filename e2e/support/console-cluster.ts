/**
 * Two proxies sharing a real Redis, for the System Console's browser tests: the console on node A
 * sees node B, drains it and watches it go. Each proxy runs as `npm start` runs it, with alice as
 * the one administrator and a short grace period (so heartbeats, and figures, come every half second).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis, type TestRedis } from '@st/proxy/redis-testing';
import { type ProxyProcess, startProxyProcess } from './servers.ts';

export interface ConsoleCluster {
  a: ProxyProcess;
  b: ProxyProcess;
  /** Node B's exit code once it exits. */
  bExited: Promise<number | null>;
  stop(): Promise<void>;
}

export async function startConsoleCluster(): Promise<ConsoleCluster> {
  const redis: TestRedis = await startRedis();
  const dirs = [
    mkdtempSync(join(tmpdir(), 'st-e2e-console-a-')),
    mkdtempSync(join(tmpdir(), 'st-e2e-console-b-')),
  ];
  const start = (nodeId: string, dataDir: string) =>
    startProxyProcess({
      ST_DATA_DIR: dataDir,
      ST_REDIS_URL: redis.url,
      ST_NODE_ID: nodeId,
      ST_ADMINS: 'alice',
      ST_GRACE_SECONDS: '2',
    });
  const a = await start('console-a', dirs[0]!);
  const b = await start('console-b', dirs[1]!);
  const bExited = new Promise<number | null>((resolve) => {
    if (b.child.exitCode !== null) resolve(b.child.exitCode);
    else b.child.once('exit', (code) => resolve(code));
  });
  return {
    a,
    b,
    bExited,
    stop: async () => {
      await Promise.all([a.stop(), b.stop()]);
      await redis.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
