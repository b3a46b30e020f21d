/**
 * The fan-out benchmark as a function: the proxy phase, then the raw peer's, with the same load
 * workers and options. bench/fanout/run.ts is its command line; the tests run it small.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis } from '../../packages/proxy/src/testing/redis.ts';
import { mainThreadProfile, type ProfileSummary, summarizeProfile } from '../lib/cpu-profile.ts';
import { fmt, machineLine } from '../lib/report.ts';
import { LoadWorkers } from './load-workers.ts';
import { CLOCK_BASE } from './measure.ts';
import type { FanoutOptions } from './options.ts';
import { type MeasuredPhase, measurePhase } from './phase.ts';
import { AIMS, type AimResult, checkAims } from './report.ts';
import { type ProxySetup, ProxyTarget, RawTarget } from './targets.ts';

/** The proxy on Redis beside the embedded one, and several proxies beside one (`--redis`, `--nodes`). */
export interface ClusterPhases {
  /** One proxy with ST_REDIS_URL. */
  redis: MeasuredPhase;
  /** Its deliveries per second as a share of the embedded proxy's (aim ≥ 0.8). */
  redisRatio: number;
  /** `--nodes` proxies sharing one Redis, sessions spread over them. */
  nodes?: { count: number; phase: MeasuredPhase; ratio: number } | undefined;
}

export interface FanoutResult {
  setup: { workers: number; logins: number; loginSeconds: number };
  proxy: MeasuredPhase;
  cluster?: ClusterPhases | undefined;
  raw: MeasuredPhase | undefined;
  /** The proxy's deliveries per second as a share of the raw server's. */
  ratio: number | undefined;
  aims: AimResult[];
  /** CPU profiles of the proxy, the raw server and the first load worker (during the proxy's changes). */
  profiles?: Record<'proxy' | 'raw' | 'load', ProfileSummary | undefined>;
}

/** Starts the proxies of `setup`, measures one phase against them, and stops them. */
async function proxyPhase(
  label: string,
  setup: ProxySetup,
  workers: LoadWorkers,
  options: FanoutOptions,
  say: (line: string) => void,
): Promise<{ phase: MeasuredPhase; target: ProxyTarget }> {
  const target = await ProxyTarget.start(setup);
  say(
    `${label} at ${target.url}: ${fmt(target.logins + 1)} logins in ${fmt(target.loginSeconds, 1)} s ` +
      `(cheap scrypt for bench users; ${setup.streamsPerLogin} session(s) per login)`,
  );
  try {
    return { phase: await measurePhase(label, target, target.idle, workers, options, say), target };
  } finally {
    await target.stop();
  }
}

/** Starts the proxies of `setup` on a Redis of their own (so no phase inherits another's statuses). */
async function redisPhase(
  label: string,
  setup: ProxySetup,
  workers: LoadWorkers,
  options: FanoutOptions,
  say: (line: string) => void,
): Promise<MeasuredPhase> {
  const redis = await startRedis();
  try {
    say(`${label}: Redis at ${redis.url} (no persistence)`);
    return (await proxyPhase(label, { ...setup, redisUrl: redis.url }, workers, options, say)).phase;
  } finally {
    await redis.stop();
  }
}

/** The Redis phases: one proxy on Redis, then (with `--nodes` > 1) several. */
async function clusterPhases(
  base: ProxySetup,
  embedded: MeasuredPhase,
  workers: LoadWorkers,
  options: FanoutOptions,
  say: (line: string) => void,
): Promise<ClusterPhases> {
  const via = options.haproxy ? ' via haproxy' : '';
  const redis = await redisPhase(
    `proxy+redis${via}`,
    { ...base, nodes: 1, haproxy: options.haproxy },
    workers,
    options,
    say,
  );
  const result: ClusterPhases = {
    redis,
    redisRatio: redis.figures.deliveriesPerSecond / embedded.figures.deliveriesPerSecond,
  };
  if (options.nodes > 1) {
    const label = `${options.nodes} proxies+redis${via}`;
    const phase = await redisPhase(
      label,
      { ...base, nodes: options.nodes, haproxy: options.haproxy },
      workers,
      options,
      say,
    );
    result.nodes = {
      count: options.nodes,
      phase,
      ratio: phase.figures.deliveriesPerSecond / redis.figures.deliveriesPerSecond,
    };
  }
  return result;
}

/** The profile of `name`'s measured changes only; undefined without one. */
async function profileOf(
  dir: string,
  name: string,
  phase: MeasuredPhase,
): Promise<ProfileSummary | undefined> {
  const file = await mainThreadProfile(dir, name);
  if (!file) return undefined;
  const baseUs = Number(CLOCK_BASE / 1000n);
  return summarizeProfile(file, {
    startUs: baseUs + phase.window.startMs * 1000,
    endUs: baseUs + phase.window.endMs * 1000,
  });
}

/** The proxy phase's name: through the SDK, the SDK's cost is in it too. */
export function proxyLabel(options: FanoutOptions): string {
  return options.client === 'sdk' ? 'proxy + SDK' : 'proxy';
}

/** Runs both phases; `profileDir` set, the servers write CPU profiles there and they are summarised. */
export async function runFanout(
  options: FanoutOptions,
  say: (line: string) => void,
  profileDir?: string,
): Promise<FanoutResult> {
  const sessions = options.sessions;
  const workDir = await mkdtemp(join(tmpdir(), 'st-bench-fanout-'));
  say(machineLine());
  say(
    `${fmt(sessions)} sessions, each watching the hot person and ${options.others} of ${options.pool} others`,
  );
  const workers = await LoadWorkers.start(options.workers, CLOCK_BASE, profileDir);
  say(`load: ${workers.count} worker process(es); this process only sends the changes`);
  try {
    const base: ProxySetup = {
      sessions,
      others: options.others,
      pool: options.pool,
      streamsPerLogin: options['streams-per-login'],
      client: options.client,
      workDir,
      profileDir,
    };
    const { phase: proxy, target } = await proxyPhase(proxyLabel(options), base, workers, options, say);
    const cluster =
      options.redis || options.nodes > 1
        ? await clusterPhases(base, proxy, workers, options, say)
        : undefined;
    let raw: MeasuredPhase | undefined;
    if (!options['no-raw']) {
      const peer = await RawTarget.start(sessions, proxy.figures.messageBytes, profileDir);
      try {
        raw = await measurePhase('raw ws', peer, await peer.figures(true), workers, options, say);
      } finally {
        await peer.stop();
      }
    }
    // The workers write their profiles when they exit.
    await workers.stop();
    return {
      setup: { workers: workers.count, logins: target.logins + 1, loginSeconds: target.loginSeconds },
      proxy,
      cluster,
      raw,
      ratio: raw ? proxy.figures.deliveriesPerSecond / raw.figures.deliveriesPerSecond : undefined,
      aims: [
        ...checkAims(proxy, raw),
        ...(cluster
          ? [
              {
                aim: `rate on Redis ≥ ${AIMS.redisRatio * 100}% of embedded`,
                value: cluster.redisRatio,
                met: cluster.redisRatio >= AIMS.redisRatio,
              },
            ]
          : []),
      ],
      ...(profileDir && {
        profiles: {
          proxy: await profileOf(profileDir, 'proxy', proxy),
          raw: raw && (await profileOf(profileDir, 'raw', raw)),
          load: await profileOf(profileDir, 'load-1', proxy),
        },
      }),
    };
  } finally {
    await workers.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
