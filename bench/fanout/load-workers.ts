/**
 * The benchmark's side of its load workers: starts them, shares the sessions out, and waits for
 * their answers. A change is complete when every worker says all its sockets received it.
 */
import { NodeChild } from '../lib/children.ts';
import { profileFlags } from '../lib/cpu-profile.ts';
import type { ClientKind, FromWorker, SessionSpec, ToWorker, WorkerResults } from './worker-messages.ts';

export class WorkerError extends Error {
  override name = 'WorkerError';
}

export interface OpenOutcome {
  open: number;
  failed: number;
  firstError?: string | undefined;
}

/** Replies are awaited one kind at a time per worker: the benchmark never overlaps two requests. */
type ReplyType = 'ready' | 'opened' | 'marked' | 'results' | 'closed';

class Worker {
  private readonly waiting = new Map<ReplyType, (message: FromWorker) => void>();

  readonly ready: Promise<FromWorker>;
  /** Set when the benchmark stops the worker; any other exit is a failure. */
  stopping = false;

  constructor(
    readonly child: NodeChild,
    onComplete: (change: number) => void,
    onFailure: (error: WorkerError) => void,
  ) {
    this.ready = new Promise((resolve) =>
      this.waiting.set('ready', (message) => {
        this.waiting.delete('ready');
        resolve(message);
      }),
    );
    child.process.on('message', (message: FromWorker) => {
      if (message.type === 'complete') onComplete(message.change);
      else if (message.type === 'failed') onFailure(new WorkerError(`${child.name}: ${message.message}`));
      else this.waiting.get(message.type)?.(message);
    });
    void child.exited.then((code) => {
      if (!this.stopping) onFailure(new WorkerError(`${child.name} exited unexpectedly (code ${code})`));
    });
  }

  request<T extends FromWorker>(message: ToWorker, reply: ReplyType): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.set(reply, (answer) => {
        this.waiting.delete(reply);
        resolve(answer as T);
      });
      this.child.process.send(message);
    });
  }
}

export class LoadWorkers {
  private readonly workers: Worker[];
  private readonly completions = new Map<number, number>();
  private readonly completionWaiters = new Map<number, () => void>();
  private failure: WorkerError | undefined;
  private readonly failureWaiters = new Set<(error: WorkerError) => void>();

  private constructor(count: number, clockBase: bigint, profileDir: string | undefined) {
    this.workers = Array.from(
      { length: count },
      (_, i) =>
        new Worker(
          new NodeChild({
            name: `load-${i + 1}`,
            script: 'bench/fanout/load-worker.ts',
            nodeArgs: profileDir ? profileFlags(profileDir, `load-${i + 1}`) : [],
            env: { BENCH_CLOCK_BASE: String(clockBase) },
            ipc: true,
          }),
          (change) => this.onComplete(change),
          (error) => this.onFailure(error),
        ),
    );
  }

  /** Starts `count` workers and waits until each listens; with `profileDir`, each writes a CPU profile. */
  static async start(count: number, clockBase: bigint, profileDir?: string): Promise<LoadWorkers> {
    const workers = new LoadWorkers(count, clockBase, profileDir);
    await workers.guard(Promise.all(workers.workers.map((w) => w.ready)));
    return workers;
  }

  get count(): number {
    return this.workers.length;
  }

  private onComplete(change: number): void {
    const done = (this.completions.get(change) ?? 0) + 1;
    this.completions.set(change, done);
    if (done === this.workers.length) this.completionWaiters.get(change)?.();
  }

  private onFailure(error: WorkerError): void {
    this.failure ??= error;
    for (const reject of this.failureWaiters) reject(error);
  }

  /** `promise`, or the first worker failure, whichever comes first. */
  private guard<T>(promise: Promise<T>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.failureWaiters.add(reject);
      promise.then(resolve, reject).finally(() => this.failureWaiters.delete(reject));
    });
  }

  /** Shares `sessions` out in turn and opens them all, as bare sockets or SDK clients. */
  async open(
    url: string,
    sessions: readonly SessionSpec[],
    concurrency: number,
    client: ClientKind = 'raw',
  ): Promise<OpenOutcome> {
    this.completions.clear();
    const shares = this.workers.map((_, w) => sessions.filter((_, i) => i % this.workers.length === w));
    const perWorker = Math.max(1, Math.ceil(concurrency / this.workers.length));
    const answers = await this.guard(
      Promise.all(
        this.workers.map((worker, w) =>
          worker.request<Extract<FromWorker, { type: 'opened' }>>(
            { type: 'open', url, sessions: shares[w]!, concurrency: perWorker, client },
            'opened',
          ),
        ),
      ),
    );
    return {
      open: answers.reduce((n, a) => n + a.open, 0),
      failed: answers.reduce((n, a) => n + a.failed, 0),
      firstError: answers.find((a) => a.firstError)?.firstError,
    };
  }

  /** Resolves true when every worker has seen `change` at all its sockets, false after `timeoutMs`. */
  waitForChange(change: number, timeoutMs: number): Promise<boolean> {
    if ((this.completions.get(change) ?? 0) >= this.workers.length) return Promise.resolve(true);
    return this.guard(
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.completionWaiters.delete(change);
          resolve(false);
        }, timeoutMs);
        this.completionWaiters.set(change, () => {
          clearTimeout(timer);
          this.completionWaiters.delete(change);
          resolve(true);
        });
      }),
    );
  }

  async mark(): Promise<void> {
    await this.guard(Promise.all(this.workers.map((w) => w.request({ type: 'mark' }, 'marked'))));
  }

  results(): Promise<WorkerResults[]> {
    return this.guard(
      Promise.all(this.workers.map((w) => w.request<WorkerResults>({ type: 'results' }, 'results'))),
    );
  }

  async close(): Promise<void> {
    await this.guard(Promise.all(this.workers.map((w) => w.request({ type: 'close' }, 'closed'))));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map((worker) => {
        worker.stopping = true;
        return worker.child.stop(5_000);
      }),
    );
  }
}
