/**
 * Where a server's CPU time went, from a V8 `.cpuprofile` (`node --cpu-prof`): self time per
 * function and per area (the proxy's code, `ws`, Node's internals, the garbage collector, idle),
 * optionally only for samples inside a time window. V8 stamps samples with the system's monotonic
 * clock in microseconds, the clock `process.hrtime` reads, so a window taken in the benchmark
 * selects the same moments in the profile.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Node flags that write CPU profiles into `dir/name/` when the process exits: one file per
 * thread (tsx runs its module loader on a thread of its own), so no fixed file name.
 */
export function profileFlags(dir: string, name: string): string[] {
  return ['--cpu-prof', `--cpu-prof-dir=${join(dir, name)}`];
}

/** Node names profiles `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`; thread 0 is the main one. */
const MAIN_THREAD_PROFILE = /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/;

/** The main thread's profile written by `profileFlags(dir, name)`, if there is one. */
export async function mainThreadProfile(dir: string, name: string): Promise<string | undefined> {
  const files = await readdir(join(dir, name)).catch(() => [] as string[]);
  const file = files.find((f) => MAIN_THREAD_PROFILE.test(f));
  return file && join(dir, name, file);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  sampledMs: number;
  /** Self time by area, in ms, largest first. */
  areas: [area: string, ms: number][];
  functions: HotFunction[];
}

/** Which part of the server a frame belongs to, from its script URL and name. */
export function areaOf(url: string, name: string): string {
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') return name;
  if (url.includes('/node_modules/ws/')) return 'ws';
  if (url.includes('/node_modules/fastify') || url.includes('/node_modules/@fastify/')) return 'fastify';
  if (url.includes('/node_modules/zod/')) return 'zod';
  if (url.includes('/node_modules/')) return 'other libraries';
  if (url.includes('/packages/protocol/')) return 'protocol';
  if (url.includes('/packages/')) return 'proxy';
  if (url.startsWith('node:') || url === '') return 'node internals';
  return 'other';
}

function shortUrl(url: string): string {
  const inModules = url.lastIndexOf('/node_modules/');
  if (inModules >= 0) return url.slice(inModules + '/node_modules/'.length);
  const inPackages = url.indexOf('/packages/');
  return inPackages >= 0 ? url.slice(inPackages + 1) : url;
}

/** Summarises `file`; with `window` (µs on the monotonic clock) only samples inside it count. */
export async function summarizeProfile(
  file: string,
  window?: { startUs: number; endUs: number },
  top = 15,
): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  let time = profile.startTime;
  let sampledUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    time += delta;
    if (window && (time < window.startUs || time > window.endUs)) continue;
    // A sample stands for the time until the next one.
    const span = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + span);
    sampledUs += span;
  }
  const functions = new Map<string, HotFunction>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = functionName || '(anonymous)';
    // Code compiled on the fly (tsx) reports line 0 for everything: leave the line out then.
    const where = url ? `${shortUrl(url)}${lineNumber > 0 ? `:${lineNumber + 1}` : ''}` : '';
    const key = `${name} ${where}`;
    const entry = functions.get(key) ?? { name, where, selfMs: 0, percent: 0 };
    entry.selfMs += us / 1000;
    functions.set(key, entry);
    const area = areaOf(url, name);
    areas.set(area, (areas.get(area) ?? 0) + us / 1000);
  }
  const sampledMs = sampledUs / 1000;
  const sorted = [...functions.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  for (const entry of sorted) entry.percent = sampledMs > 0 ? (100 * entry.selfMs) / sampledMs : 0;
  return { sampledMs, areas: [...areas].sort((a, b) => b[1] - a[1]), functions: sorted };
}
