/**
 * Child processes of a benchmark (the proxy, the raw broadcast server, load workers). Every child
 * started here is killed when this process exits, however it exits (an error, Ctrl-C, SIGTERM),
 * so a benchmark never leaves a server behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root: children run from here, as `npm start` does. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const running = new Set<ChildProcess>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the benchmark and its child processes`);
      process.exit(130);
    });
  }
}

export class ChildError extends Error {
  override name = 'ChildError';
}

export interface NodeChildOptions {
  /** A short name for messages, e.g. `proxy`. */
  name: string;
  /** The script, relative to the repository root. */
  script: string;
  /** Flags for node before the script (tsx is always imported). */
  nodeArgs?: string[];
  /** Modules to import before the script, after tsx (so they may be TypeScript). */
  imports?: string[];
  env?: Record<string, string>;
  /** Open an IPC channel (structured clone, so typed arrays travel as they are). */
  ipc?: boolean;
}

/**
 * A node child running TypeScript through tsx. Its standard output is read line by line so a
 * caller can wait for a line; its standard error is passed through, prefixed with its name.
 */
export class NodeChild {
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  /** The last lines of standard output, and how many there were in all. */
  private readonly recentLines: string[] = [];
  private lineCount = 0;
  private readonly lineWaiters = new Set<() => void>();

  constructor(private readonly options: NodeChildOptions) {
    hookExit();
    const imports = (options.imports ?? []).flatMap((module) => ['--import', module]);
    const args = [...(options.nodeArgs ?? []), '--import', 'tsx', ...imports, options.script];
    this.process = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
      serialization: options.ipc ? 'advanced' : 'json',
    });
    running.add(this.process);
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code) => {
        running.delete(this.process);
        for (const wake of this.lineWaiters) wake();
        resolve(code);
      });
    });
    createInterface({ input: this.process.stdout! }).on('line', (line) => {
      this.recentLines.push(line);
      this.lineCount++;
      if (this.recentLines.length > 200) this.recentLines.shift();
      for (const wake of this.lineWaiters) wake();
    });
    createInterface({ input: this.process.stderr! }).on('line', (line) => {
      console.error(`[${options.name}] ${line}`);
    });
  }

  get name(): string {
    return this.options.name;
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /**
   * Waits for a line of standard output matching `pattern` printed after `after` (a count from
   * `linesSeen`), and answers its match.
   */
  waitForLine(pattern: RegExp, timeoutMs: number, after = 0): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      let scanned = after;
      const timer = setTimeout(() => {
        done();
        reject(new ChildError(`${this.name}: no line matching ${pattern} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.lineWaiters.delete(check);
      };
      const check = () => {
        for (; scanned < this.lineCount; scanned++) {
          const line = this.recentLines[this.recentLines.length - (this.lineCount - scanned)];
          const match = line?.match(pattern);
          if (match) {
            done();
            resolve(match);
            return;
          }
        }
        if (!this.alive) {
          done();
          reject(
            new ChildError(`${this.name} exited (code ${this.process.exitCode}) before printing ${pattern}`),
          );
        }
      };
      this.lineWaiters.add(check);
      check();
    });
  }

  /** Lines of standard output so far (pass to `waitForLine` to wait only for later ones). */
  get linesSeen(): number {
    return this.lineCount;
  }

  /** Asks the child to stop (SIGTERM), and kills it if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
