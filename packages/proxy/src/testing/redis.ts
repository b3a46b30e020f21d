/**
 * A real Redis for tests and benchmarks: Debian's `redis-server` (installed by
 * scripts/ensure-redis.sh) on a free port of 127.0.0.1, with its working folder in a temporary
 * directory and every setting on the command line, so no system configuration or service is
 * involved. Without `persistent` it keeps nothing on disk; with it, an append-only file written on
 * every command lets a test restart the server and find its data again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type ServerProcess, startServerProcess } from './server-process.ts';

export { freePort } from './server-process.ts';

const REDIS_SERVER = process.env.ST_REDIS_SERVER ?? '/usr/bin/redis-server';

export interface TestRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /**
   * Stops the server (SIGTERM, or SIGKILL when `hard`), runs `whileDown`, and starts it again on
   * the same port.
   */
  restart(options?: { hard?: boolean; whileDown?: () => Promise<void> }): Promise<void>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

export async function startRedis(options: { persistent?: boolean } = {}): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'st-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--daemonize',
    'no',
    '--logfile',
    '',
    '--loglevel',
    'warning',
    ...(options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ];
  let server: ServerProcess | undefined;
  const launch = async () => {
    server = await startServerProcess(REDIS_SERVER, args, port);
  };
  const halt = async (signal: NodeJS.Signals) => {
    const running = server;
    server = undefined;
    await running?.halt(signal);
  };

  await launch().catch(async (error: unknown) => {
    await halt('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  });

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    restart: async ({ hard = false, whileDown } = {}) => {
      await halt(hard ? 'SIGKILL' : 'SIGTERM');
      try {
        await whileDown?.();
      } finally {
        await launch();
      }
    },
    stop: async () => {
      await halt('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
