/**
 * One phase of the fan-out benchmark against one target: open every session, read the server's
 * memory, run the closed loop of changes, read memory again, close the sessions.
 */
import { fmt } from '../lib/report.ts';
import type { LoadWorkers } from './load-workers.ts';
import { clockMs, phaseFigures, runClosedLoop } from './measure.ts';
import type { FanoutOptions } from './options.ts';
import type { PhaseReport } from './report.ts';
import type { ServerFigures, Target } from './targets.ts';

export class PhaseError extends Error {
  override name = 'PhaseError';
}

export interface MeasuredPhase extends PhaseReport {
  openSeconds: number;
  /** The measured changes, on the shared clock (ms). */
  window: { startMs: number; endMs: number };
}

export async function measurePhase(
  label: string,
  target: Target,
  before: ServerFigures,
  workers: LoadWorkers,
  options: FanoutOptions,
  say: (line: string) => void,
): Promise<MeasuredPhase> {
  const opening = performance.now();
  const opened = await workers.open(target.wsUrl, target.sessions, options.concurrency, target.client);
  if (opened.failed > 0) {
    throw new PhaseError(
      `${label}: ${opened.failed} of ${target.sessions.length} sessions did not open (${opened.firstError})`,
    );
  }
  const openSeconds = (performance.now() - opening) / 1000;
  say(`${label}: ${fmt(opened.open)} sessions open and ready in ${fmt(openSeconds, 1)} s`);
  const after = await target.figures(true);
  let cpuStart = before;
  let startMs = 0;
  const run = await runClosedLoop(workers, (change) => target.trigger(change), {
    warmup: options.warmup,
    changes: options.changes,
    timeoutMs: options['change-timeout'] * 1000,
    maxMs: options['max-seconds'] * 1000,
    onMeasureStart: async () => {
      await workers.mark();
      cpuStart = await target.figures(false);
      startMs = clockMs();
    },
  });
  const endMs = clockMs();
  if (run.measured.length === 0) {
    throw new PhaseError(`${label}: no change was measured within --max-seconds ${options['max-seconds']}`);
  }
  const cpuEnd = await target.figures(false);
  const results = await workers.results();
  // Still connected: what the changes left behind (the proxy keeps events for replay).
  const afterChanges = await target.figures(true);
  await workers.close();
  const figures = phaseFigures(run, results, opened.open);
  say(`${label}: ${run.measured.length} changes measured, p99 ${fmt(figures.latencyMs.p99, 1)} ms`);
  return {
    figures,
    before,
    after,
    afterChanges,
    changesSent: run.sentAt.size,
    serverCpuMs: {
      user: (cpuEnd.cpuUserSeconds - cpuStart.cpuUserSeconds) * 1000,
      system: (cpuEnd.cpuSystemSeconds - cpuStart.cpuSystemSeconds) * 1000,
    },
    openSeconds,
    window: { startMs, endMs },
  };
}
