/**
 * One run of the chat benchmark: a proxy child process with the store on (SQLite in a temporary
 * folder on disk, synchronous=FULL; or PostgreSQL, given a database's URL), `pairs` pairs of
 * people each with a 1:1 conversation and a WebSocket, then the throughput phase and the latency
 * phase at half the throughput measured.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '../../packages/proxy/src/testing/cluster.ts';
import { loginMany } from '../lib/api.ts';
import { NodeChild } from '../lib/children.ts';
import {
  mainThreadProfile,
  type ProfileSummary,
  profileFlags,
  summarizeProfile,
} from '../lib/cpu-profile.ts';
import { BENCH_PASSWORD, numberedId, writeDirectory } from '../lib/directory.ts';
import { ChatPerson } from './clients.ts';
import type { ChatBenchOptions } from './options.ts';
import {
  type LatencyResult,
  Marks,
  measureLatency,
  measureThroughput,
  type ThroughputResult,
} from './phases.ts';

/** Where the proxy keeps chat: `databaseUrl` for PostgreSQL, else SQLite in the data folder. */
export interface BenchStore {
  name: 'SQLite' | 'PostgreSQL';
  databaseUrl?: string | undefined;
}

export const SQLITE: BenchStore = { name: 'SQLite' };

export interface ModeResult {
  store: BenchStore['name'];
  /** With `--haproxy`: how many proxies, behind HAProxy. */
  nodes?: number | undefined;
  groupCommit: boolean;
  throughput: ThroughputResult;
  latency: LatencyResult;
  /** Where the proxy's CPU time went over the whole run (with `--profile`). */
  profile?: ProfileSummary | undefined;
}

const STARTUP_TIMEOUT_MS = 60_000;

async function startProxy(
  dataDir: string,
  directoryFile: string,
  groupCommit: boolean,
  store: BenchStore,
  profile: { dir: string; name: string } | undefined,
): Promise<{ proxy: NodeChild; server: string }> {
  const child = new NodeChild({
    name: 'proxy',
    script: 'packages/proxy/src/main.ts',
    nodeArgs: profile ? profileFlags(profile.dir, profile.name) : [],
    env: {
      ST_CONFIG: '',
      ST_PORT: '0',
      ST_HOST: '127.0.0.1',
      ST_DATA_DIR: dataDir,
      ST_DIRECTORY: directoryFile,
      ST_LOG_LEVEL: 'warn',
      ST_CHAT_GROUP_COMMIT: String(groupCommit),
      ...(store.databaseUrl ? { ST_DATABASE_URL: store.databaseUrl } : {}),
      // The per-person message budget would bound a load generator, not the proxy: lift it.
      ST_CHAT_MESSAGE_BURST: '1000000',
      ST_CHAT_MESSAGES_PER_SECOND: '1000000',
    },
  });
  try {
    const [, server] = await child.waitForLine(/listening on (http:\/\/\S+)/, STARTUP_TIMEOUT_MS);
    return { proxy: child, server: server! };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

export async function runMode(
  options: ChatBenchOptions,
  groupCommit: boolean,
  log: (line: string) => void,
  profileDir?: string,
  store: BenchStore = SQLITE,
): Promise<ModeResult> {
  const mode = groupCommit ? 'group-commit' : 'one-per-message';
  const profile = profileDir ? { dir: profileDir, name: `${store.name.toLowerCase()}-${mode}` } : undefined;
  const folder = await mkdtemp(join(tmpdir(), 'st-bench-chat-'));
  const ids = Array.from({ length: options.pairs * 2 }, (_, i) => numberedId('c', i, 5));
  const directoryFile = await writeDirectory(
    folder,
    ids.map((id) => ({ id, displayName: `Chatter ${id}`, canLogIn: true })),
  );
  const { proxy, server } = await startProxy(
    join(folder, 'data'),
    directoryFile,
    groupCommit,
    store,
    profile,
  );
  try {
    const { throughput, latency } = await measure(
      server,
      ids,
      options,
      log,
      `${store.name}, group commit ${groupCommit ? 'on' : 'off'}`,
    );
    // The profile is written when the proxy exits.
    await proxy.stop();
    const file = profile && (await mainThreadProfile(profile.dir, profile.name));
    return {
      store: store.name,
      groupCommit,
      throughput,
      latency,
      profile: file ? await summarizeProfile(file) : undefined,
    };
  } finally {
    await proxy.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

/** Connects the people through `server`, then the throughput phase and the latency phase. */
async function measure(
  server: string,
  ids: readonly string[],
  options: ChatBenchOptions,
  log: (line: string) => void,
  label: string,
): Promise<{ throughput: ThroughputResult; latency: LatencyResult }> {
  const people: ChatPerson[] = [];
  try {
    const tokens = await loginMany(server, [...ids], BENCH_PASSWORD);
    const marks = new Marks();
    for (const [i, id] of ids.entries()) people.push(new ChatPerson(server, id, tokens[i]!));
    await Promise.all(people.map((person) => person.connect(marks.receive)));
    for (let i = 0; i < people.length; i += 2) {
      const [a, b] = [people[i]!, people[i + 1]!];
      await a.openIm(b.id);
      await b.openIm(a.id);
    }
    log(`${label}: ${options.pairs} pairs connected; measuring throughput`);
    const throughput = await measureThroughput(people, marks, options);
    const perSecond = Math.max(1, Math.round(throughput.acknowledgedPerSecond / 2));
    log(`throughput ${Math.round(throughput.acknowledgedPerSecond)}/s; measuring latency at ${perSecond}/s`);
    const latency = await measureLatency(people, marks, { ...options, perSecond });
    return { throughput, latency };
  } finally {
    for (const person of people) person.close();
  }
}

/**
 * `nodes` proxies behind HAProxy (the shipped configuration), sharing Redis and PostgreSQL
 * (fsync on), group commit on: the people log in and connect through the balancer.
 */
export async function runCluster(
  options: ChatBenchOptions,
  nodes: number,
  log: (line: string) => void,
): Promise<ModeResult> {
  const folder = await mkdtemp(join(tmpdir(), 'st-bench-chat-'));
  const ids = Array.from({ length: options.pairs * 2 }, (_, i) => numberedId('c', i, 5));
  const directoryFile = await writeDirectory(
    folder,
    ids.map((id) => ({ id, displayName: `Chatter ${id}`, canLogIn: true })),
  );
  const cluster = await startCluster({
    nodes,
    fsync: true,
    env: {
      ST_DIRECTORY: directoryFile,
      ST_LOG_LEVEL: 'warn',
      ST_CHAT_MESSAGE_BURST: '1000000',
      ST_CHAT_MESSAGES_PER_SECOND: '1000000',
    },
  });
  try {
    const label = `${nodes} ${nodes === 1 ? 'proxy' : 'proxies'} behind HAProxy`;
    const { throughput, latency } = await measure(cluster.url, ids, options, log, label);
    return { store: 'PostgreSQL', nodes, groupCommit: true, throughput, latency };
  } finally {
    await cluster.close();
    await rm(folder, { recursive: true, force: true });
  }
}
