/**
 * The measuring core of the fan-out benchmark, the same for the proxy and the raw peer: send a
 * change, wait until every socket has it, send the next (a closed loop, so the rate is what the
 * server sustains without a queue building up), then turn the receive times into figures.
 */
import { median, type Summary, summarize } from '../lib/stats.ts';
import type { LoadWorkers } from './load-workers.ts';
import type { CpuMs, WorkerResults } from './worker-messages.ts';

/** The clock every process of the benchmark shares: ms since this origin (system monotonic). */
export const CLOCK_BASE = process.hrtime.bigint();
export function clockMs(): number {
  return Number(process.hrtime.bigint() - CLOCK_BASE) / 1e6;
}

export interface LoopOptions {
  warmup: number;
  changes: number;
  timeoutMs: number;
  /** No change is sent after this long (ms from the first one); the run reports what it measured. */
  maxMs: number;
  /** Called when the measured changes start (after the warm-up). */
  onMeasureStart?: () => Promise<void>;
}

export interface LoopRun {
  /** When each change was sent (ms on the shared clock). */
  sentAt: Map<number, number>;
  /** Change numbers that are measured (the warm-up's are not). */
  measured: number[];
  /** Measured changes that not every socket received within the timeout. */
  incomplete: number[];
}

/** Sends changes 1, 2, … through `trigger`, each after every socket got the one before. */
export async function runClosedLoop(
  workers: LoadWorkers,
  trigger: (change: number) => Promise<void>,
  options: LoopOptions,
): Promise<LoopRun> {
  const sentAt = new Map<number, number>();
  const measured: number[] = [];
  const incomplete: number[] = [];
  const total = options.warmup + options.changes;
  const deadline = clockMs() + options.maxMs;
  for (let change = 1; change <= total && clockMs() < deadline; change++) {
    if (change === options.warmup + 1) await options.onMeasureStart?.();
    sentAt.set(change, clockMs());
    const [arrived] = await Promise.all([workers.waitForChange(change, options.timeoutMs), trigger(change)]);
    if (change > options.warmup) {
      measured.push(change);
      if (!arrived) incomplete.push(change);
    }
  }
  return { sentAt, measured, incomplete };
}

export interface PhaseFigures {
  sessions: number;
  changes: number;
  /** Messages received for the measured changes, and how many were expected (sessions × changes). */
  deliveries: number;
  expected: number;
  /** Send → receive, over every delivery of the measured changes, in ms. */
  latencyMs: Summary;
  /** Deliveries per second, from the first measured send to the last measured receipt. */
  deliveriesPerSecond: number;
  changesPerSecond: number;
  /** Size of the message that carried a change (the proxy's presence event, the raw message). */
  messageBytes: number;
  /** CPU time of the load workers during the measured changes. */
  loadCpuMs: CpuMs;
  incompleteChanges: number;
  socketsClosedEarly: number;
  /** Time for a change to reach every socket (its slowest delivery), median over the changes. */
  reachAllMsMedian: number;
  /** Each measured change: when it was sent, its median and slowest delivery (ms). */
  perChange: { change: number; sentAtMs: number; deliveries: number; p50Ms: number; maxMs: number }[];
}

export function phaseFigures(run: LoopRun, results: WorkerResults[], sessions: number): PhaseFigures {
  const measured = new Set(run.measured);
  const latencies: number[] = [];
  const byChange = new Map<number, number[]>();
  let lastReceipt = Number.NEGATIVE_INFINITY;
  for (const worker of results) {
    for (const [change, times] of worker.receipts) {
      if (!measured.has(change)) continue;
      const sent = run.sentAt.get(change)!;
      const list = byChange.get(change) ?? [];
      byChange.set(change, list);
      for (const received of times) {
        latencies.push(received - sent);
        list.push(received - sent);
        if (received > lastReceipt) lastReceipt = received;
      }
    }
  }
  const perChange = run.measured.map((change) => {
    const summary = summarize(byChange.get(change) ?? []);
    return {
      change,
      sentAtMs: run.sentAt.get(change)!,
      deliveries: summary.count,
      p50Ms: summary.p50,
      maxMs: summary.max,
    };
  });
  const firstSend = run.sentAt.get(run.measured[0]!) ?? 0;
  const seconds = (lastReceipt - firstSend) / 1000;
  const sizes = results.flatMap((r) => r.messageBytes.filter(([change]) => measured.has(change)));
  return {
    sessions,
    changes: run.measured.length,
    deliveries: latencies.length,
    expected: sessions * run.measured.length,
    latencyMs: summarize(latencies),
    deliveriesPerSecond: latencies.length / seconds,
    changesPerSecond: run.measured.length / seconds,
    messageBytes: sizes.length > 0 ? Math.round(sizes.reduce((n, [, b]) => n + b, 0) / sizes.length) : 0,
    loadCpuMs: {
      user: results.reduce((n, r) => n + r.cpuMs.user, 0),
      system: results.reduce((n, r) => n + r.cpuMs.system, 0),
    },
    incompleteChanges: run.incomplete.length,
    socketsClosedEarly: results.reduce((n, r) => n + r.closedEarly, 0),
    reachAllMsMedian: median(perChange.map((c) => c.maxMs)),
    perChange,
  };
}
