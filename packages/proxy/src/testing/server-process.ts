/**
 * What every real server a test starts (Redis, slapd, Prosody, HAProxy, PostgreSQL) needs: a
 * free port of 127.0.0.1, a child process whose output is kept for the error when it fails to
 * start, a wait until its port accepts connections, and a stop that waits for the exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { groupOptions } from './process-groups.ts';

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

/** Whether something accepts TCP connections on `port` of 127.0.0.1 now. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface ServerProcess {
  child: ChildProcess;
  /** What it printed so far (standard output and error). */
  output(): string;
  /** Sends `signal` (SIGTERM by default) and waits for the exit. */
  halt(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `program` and resolves once `port` accepts connections; rejects (with what the program
 * printed) when it exits first or cannot be started, after making sure it is gone.
 */
export async function startServerProcess(
  program: string,
  args: string[],
  port: number,
): Promise<ServerProcess> {
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], ...groupOptions() });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const halt = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.pid === undefined) return; // never started
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited(child);
  };
  const failed = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`${program}: ${error.message}`))),
  );
  const ready = (async () => {
    while (!(await accepts(port))) {
      if (child.exitCode !== null) throw new Error(`${program} exited: ${output.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    await Promise.race([ready, failed]);
  } catch (error) {
    await halt('SIGKILL');
    throw error;
  }
  return { child, output: () => output, halt };
}
