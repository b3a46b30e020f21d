/**
 * A real Redis for tests and benchmarks: Debian's `redis-server` (installed by
 * scripts/ensure-redis.sh) on a free port of 127.0.0.1, with its working folder in a temporary
 * directory and every setting on the command line, so no system configuration or service is
 * involved. Without `persistent` it keeps nothing on disk; with it, an append-only file written on
 * every command lets a test restart the server and find its data again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
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
  let child: ChildProcess | undefined;
  let output = '';

  const launch = async () => {
    const started = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    started.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const failed = new Promise<never>((_, reject) =>
      started.once('error', (error) => reject(new Error(`${REDIS_SERVER}: ${error.message}`))),
    );
    const ready = (async () => {
      while (!(await accepts(port))) {
        if (started.exitCode !== null) throw new Error(`redis-server exited: ${output.trim()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await Promise.race([ready, failed]);
  };

  const halt = async (signal: NodeJS.Signals) => {
    const running = child;
    child = undefined;
    if (!running) return;
    running.kill(signal);
    await exited(running);
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
