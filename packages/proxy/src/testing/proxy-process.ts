/**
 * A proxy in a process of its own, started the way `npm start` starts it, so a test can SIGKILL
 * it: what a proxy that dies takes with it (and what it does not) is only honest across a real
 * process boundary. Settings come as `ST_*` variables; its data folder is temporary.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupOptions } from './process-groups.ts';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface ProxyProcess {
  url: string;
  pid: number;
  /** Kills the process at once (no drain, no goodbye to Redis), and removes its data folder. */
  kill(): Promise<void>;
  /** SIGTERM: drains and exits; removes its data folder. Answers the exit code (0: a clean drain). */
  stop(): Promise<number | null>;
  /** The process's exit code once it exits, however it was ended (null when a signal ended it). */
  exited: Promise<number | null>;
}

export async function startProxyProcess(env: Record<string, string>): Promise<ProxyProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'st-proxy-process-'));
  const child: ChildProcess = spawn(process.execPath, ['--conditions=st-source', '--import', 'tsx', MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      ST_DATA_DIR: dataDir,
      ST_PORT: '0',
      ST_HOST: '127.0.0.1',
      ST_LOG_LEVEL: process.env.ST_TEST_LOG ?? 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    ...groupOptions(),
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /st-proxy listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', () => reject(new Error(`the proxy exited before listening: ${out}`)));
  }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const code = await exited;
    await rm(dataDir, { recursive: true, force: true });
    return code;
  };
  return {
    url,
    pid: child.pid!,
    kill: async () => {
      await end('SIGKILL');
    },
    stop: () => end('SIGTERM'),
    exited,
  };
}
