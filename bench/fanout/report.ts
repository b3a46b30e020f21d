/** The fan-out benchmark's table and aims. */
import type { ProfileSummary } from '../lib/cpu-profile.ts';
import { fmt, formatTable } from '../lib/report.ts';
import type { PhaseFigures } from './measure.ts';
import type { ServerFigures } from './targets.ts';
import type { CpuMs } from './worker-messages.ts';

/** The aims this benchmark is compared against (for 10,000 watchers on a 2-core machine). */
export const AIMS = { p99Ms: 100, rawRateRatio: 0.6, redisRatio: 0.8 } as const;

export interface PhaseReport {
  figures: PhaseFigures;
  /** Server memory before the sessions, with all of them watching, and after the changes. */
  before: ServerFigures;
  after: ServerFigures;
  afterChanges: ServerFigures;
  /** Changes sent in all, warm-up included. */
  changesSent: number;
  /** Server CPU time during the measured changes. */
  serverCpuMs: CpuMs;
}

export function perSessionKiB(phase: PhaseReport, field: 'rssBytes' | 'heapUsedBytes'): number {
  return (phase.after[field] - phase.before[field]) / phase.figures.sessions / 1024;
}

/** Heap kept per session for each change delivered (the proxy's replay buffer), in bytes. */
export function heapPerSessionPerChange(phase: PhaseReport): number {
  const grown = phase.afterChanges.heapUsedBytes - phase.after.heapUsedBytes;
  return grown / phase.figures.sessions / phase.changesSent;
}

function row(label: string, proxy: string, raw: string | undefined, ratio = ''): string[] {
  return [label, proxy, raw ?? '', ratio];
}

export function fanoutTable(proxy: PhaseReport, raw: PhaseReport | undefined, proxyLabel = 'proxy'): string {
  const p = proxy.figures;
  const r = raw?.figures;
  const ratio = r ? p.deliveriesPerSecond / r.deliveriesPerSecond : undefined;
  const perChange = (cpu: CpuMs, changes: number) =>
    `${fmt((cpu.user + cpu.system) / changes, 1)} (${fmt(cpu.user / changes, 1)}+${fmt(cpu.system / changes, 1)})`;
  const total = (cpu: CpuMs) => cpu.user + cpu.system;
  const cpuRatio =
    raw && total(proxy.serverCpuMs) / p.changes / (total(raw.serverCpuMs) / raw.figures.changes);
  return formatTable([
    ['', proxyLabel, raw ? 'raw ws' : '', raw ? `${proxyLabel}/raw` : ''],
    row('sessions', fmt(p.sessions), r && fmt(r.sessions)),
    row('changes measured', fmt(p.changes), r && fmt(r.changes)),
    row(
      'deliveries / expected',
      `${fmt(p.deliveries)}/${fmt(p.expected)}`,
      r && `${fmt(r.deliveries)}/${fmt(r.expected)}`,
    ),
    row('latency p50 (ms)', fmt(p.latencyMs.p50, 1), r && fmt(r.latencyMs.p50, 1)),
    row('latency p90 (ms)', fmt(p.latencyMs.p90, 1), r && fmt(r.latencyMs.p90, 1)),
    row('latency p99 (ms)', fmt(p.latencyMs.p99, 1), r && fmt(r.latencyMs.p99, 1)),
    row('latency max (ms)', fmt(p.latencyMs.max, 1), r && fmt(r.latencyMs.max, 1)),
    row('reach all, median change (ms)', fmt(p.reachAllMsMedian, 1), r && fmt(r.reachAllMsMedian, 1)),
    row('deliveries/s', fmt(p.deliveriesPerSecond), r && fmt(r.deliveriesPerSecond), fmt(ratio, 2)),
    row('changes/s', fmt(p.changesPerSecond, 1), r && fmt(r.changesPerSecond, 1)),
    row('message bytes', fmt(p.messageBytes), r && fmt(r.messageBytes)),
    row(
      'server CPU ms/change (user+sys)',
      perChange(proxy.serverCpuMs, p.changes),
      raw && perChange(raw.serverCpuMs, raw.figures.changes),
      fmt(cpuRatio, 2),
    ),
    row(
      'load CPU ms/change (user+sys)',
      perChange(p.loadCpuMs, p.changes),
      r && perChange(r.loadCpuMs, r.changes),
    ),
    row(
      'memory/session RSS (KiB)',
      fmt(perSessionKiB(proxy, 'rssBytes'), 1),
      raw && fmt(perSessionKiB(raw, 'rssBytes'), 1),
    ),
    row(
      'memory/session heap (KiB)',
      fmt(perSessionKiB(proxy, 'heapUsedBytes'), 1),
      raw && fmt(perSessionKiB(raw, 'heapUsedBytes'), 1),
    ),
    row(
      'heap kept/session/change (B)',
      fmt(heapPerSessionPerChange(proxy)),
      raw && fmt(heapPerSessionPerChange(raw)),
    ),
  ]);
}

/** The embedded proxy, the proxy on Redis and N proxies on Redis, side by side. */
export function clusterTable(
  embedded: PhaseReport,
  cluster: {
    redis: PhaseReport;
    redisRatio: number;
    nodes?: { count: number; phase: PhaseReport; ratio: number } | undefined;
  },
): string {
  const phases: [string, PhaseReport, string][] = [
    ['1 proxy, embedded', embedded, ''],
    ['1 proxy, Redis', cluster.redis, `${fmt(cluster.redisRatio, 2)} of embedded (aim ≥ ${AIMS.redisRatio})`],
  ];
  if (cluster.nodes) {
    phases.push([
      `${cluster.nodes.count} proxies, Redis`,
      cluster.nodes.phase,
      `${fmt(cluster.nodes.ratio, 2)} of 1 proxy on Redis`,
    ]);
  }
  const cpu = (p: PhaseReport) => (p.serverCpuMs.user + p.serverCpuMs.system) / p.figures.changes;
  return formatTable([
    ['', 'deliveries/s', 'p50 ms', 'p99 ms', 'server CPU ms/change', 'ratio'],
    ...phases.map(([label, p, ratio]) => [
      label,
      fmt(p.figures.deliveriesPerSecond),
      fmt(p.figures.latencyMs.p50, 1),
      fmt(p.figures.latencyMs.p99, 1),
      fmt(cpu(p), 1),
      ratio,
    ]),
  ]);
}

export interface AimResult {
  aim: string;
  value: number;
  met: boolean;
}

export function checkAims(proxy: PhaseReport, raw: PhaseReport | undefined): AimResult[] {
  const aims: AimResult[] = [
    {
      aim: `p99 ≤ ${AIMS.p99Ms} ms`,
      value: proxy.figures.latencyMs.p99,
      met: proxy.figures.latencyMs.p99 <= AIMS.p99Ms,
    },
  ];
  if (raw) {
    const ratio = proxy.figures.deliveriesPerSecond / raw.figures.deliveriesPerSecond;
    aims.push({
      aim: `rate ≥ ${AIMS.rawRateRatio * 100}% of raw`,
      value: ratio,
      met: ratio >= AIMS.rawRateRatio,
    });
  }
  return aims;
}

export function profileTable(summary: ProfileSummary): string {
  const areas = summary.areas.map(([area, ms]) => `${area} ${fmt((100 * ms) / summary.sampledMs, 1)}%`);
  const functions = formatTable(
    [
      ['self ms', '%', 'function', 'where'],
      ...summary.functions.map((f) => [fmt(f.selfMs, 1), fmt(f.percent, 1), f.name, f.where]),
    ],
    [2, 3],
  );
  return `by area: ${areas.join(', ')}\n${functions}`;
}
