/**
 * A real HAProxy for tests, benchmarks and `npm run cluster`: Debian's `haproxy` (installed by
 * scripts/ensure-haproxy.sh) in the foreground, with the cluster's configuration
 * (cluster/haproxy-config.ts) rendered into a temporary folder, listening on a free port of
 * 127.0.0.1 (or the one asked for), and its runtime API on a socket in that folder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HaproxyNode, haproxyConfig } from '../cluster/haproxy-config.ts';
import { freePort, startServerProcess } from './server-process.ts';

const HAPROXY = process.env.ST_HAPROXY ?? '/usr/sbin/haproxy';

export interface TestHaproxy {
  /** `http://127.0.0.1:<port>`: the cluster as clients see it. */
  url: string;
  port: number;
  /** The runtime API's socket. */
  adminSocket: string;
  /** Sends one command to the runtime API and answers its reply. */
  command(line: string): Promise<string>;
  /** The operational state of each server (`show servers state`: 2 is up, 0 down). */
  serverStates(): Promise<Record<string, { operational: number; admin: number }>>;
  stop(): Promise<void>;
}

export interface TestHaproxyOptions {
  nodes: readonly HaproxyNode[];
  port?: number;
  stickySeconds?: number;
  stickyMaxSeconds?: number;
  checkIntervalMs?: number;
}

export async function startHaproxy(options: TestHaproxyOptions): Promise<TestHaproxy> {
  const dir = await mkdtemp(join(tmpdir(), 'st-haproxy-'));
  const port = options.port ?? (await freePort());
  const socket = join(dir, 'admin.sock');
  const file = join(dir, 'haproxy.cfg');
  await writeFile(
    file,
    haproxyConfig({
      bind: `127.0.0.1:${port}`,
      nodes: options.nodes,
      adminSocket: socket,
      stickySeconds: options.stickySeconds,
      stickyMaxSeconds: options.stickyMaxSeconds,
      checkIntervalMs: options.checkIntervalMs,
      globalLines: ['log stderr format raw local0 err'],
    }),
  );
  // -db: stay in the foreground, no daemon; -W is not needed for one process.
  const server = await startServerProcess(HAPROXY, ['-db', '-f', file], port).catch(
    async (error: unknown) => {
      await rm(dir, { recursive: true, force: true });
      throw error;
    },
  );
  const command = (line: string) => runtimeCommand(socket, line);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    adminSocket: socket,
    command,
    serverStates: async () => parseServerStates(await command('show servers state st_proxies')),
    stop: async () => {
      await server.halt('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function runtimeCommand(path: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let reply = '';
    const socket = connect(path, () => socket.end(`${line}\n`));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
    });
    socket.once('error', reject);
    socket.once('close', () => resolve(reply));
  });
}

/** `show servers state`: a version line, a header starting with `#`, then one line per server. */
function parseServerStates(text: string): Record<string, { operational: number; admin: number }> {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const header =
    lines
      .find((line) => line.startsWith('#'))
      ?.slice(1)
      .trim()
      .split(/\s+/) ?? [];
  const column = (name: string) => header.indexOf(name);
  const states: Record<string, { operational: number; admin: number }> = {};
  for (const line of lines.slice(1)) {
    if (line.startsWith('#')) continue;
    const fields = line.trim().split(/\s+/);
    const name = fields[column('srv_name')];
    if (!name) continue;
    states[name] = {
      operational: Number(fields[column('srv_op_state')]),
      admin: Number(fields[column('srv_admin_state')]),
    };
  }
  return states;
}
