/**
 * `npm run bench:chat`: pairs of people exchanging 1:1 messages through a proxy child process with
 * the store on. First the sustained rate (messages stored and delivered per second), then the
 * send-to-receive latency at half that rate; with group commit, then (for comparison) with one
 * transaction per message. With `--postgres`, the same again with the store in PostgreSQL (a
 * temporary local cluster), so both stores are compared in one run. See bench/chat/README.md.
 */
import { join } from 'node:path';
import { TestPostgres } from '../../packages/proxy/src/testing/postgres.ts';
import { profileTable } from '../fanout/report.ts';
import { UsageError, usage } from '../lib/args.ts';
import { fmt, formatTable, machineInfo, machineLine, RESULTS_DIR, writeResults } from '../lib/report.ts';
import { type BenchStore, type ModeResult, runCluster, runMode, SQLITE } from './bench.ts';
import { CHAT_OPTIONS, parseChatOptions } from './options.ts';

/** p99 send-to-receive latency at half the sustained rate, in ms, with group commit. */
const AIM_P99_MS = 50;

function table(results: readonly ModeResult[]): string {
  const rows = [
    ['', ...results.map((r) => (r.nodes ? `${r.nodes} behind HAProxy` : r.store))],
    ['', ...results.map((r) => (r.groupCommit ? 'group commit' : 'one per message'))],
    ['sustained messages/s', ...results.map((r) => fmt(r.throughput.acknowledgedPerSecond))],
    ['  delivered/s', ...results.map((r) => fmt(r.throughput.deliveredPerSecond))],
    ['latency phase rate/s', ...results.map((r) => fmt(r.latency.achievedPerSecond))],
    ['send→receive p50 ms', ...results.map((r) => fmt(r.latency.sendToReceive.p50, 1))],
    ['send→receive p99 ms', ...results.map((r) => fmt(r.latency.sendToReceive.p99, 1))],
    ['send→receive max ms', ...results.map((r) => fmt(r.latency.sendToReceive.max, 1))],
    ['send→201 p50 ms', ...results.map((r) => fmt(r.latency.sendToAck.p50, 1))],
    ['send→201 p99 ms', ...results.map((r) => fmt(r.latency.sendToAck.p99, 1))],
    ['missing', ...results.map((r) => fmt(r.latency.missing))],
    ['refused', ...results.map((r) => fmt(r.throughput.refused + r.latency.refused))],
  ];
  return formatTable(rows);
}

async function main(): Promise<void> {
  const options = parseChatOptions(process.argv.slice(2));
  if (options.help) {
    console.log(usage('npm run bench:chat --', CHAT_OPTIONS));
    return;
  }
  console.log(machineLine());
  const log = (line: string) => console.log(`· ${line}`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const profileDir = options.profile ? join(RESULTS_DIR, 'profiles', `chat-${stamp}`) : undefined;
  const results: ModeResult[] = [];
  if (options.haproxy) {
    for (let nodes = 1; nodes <= options.nodes; nodes++) results.push(await runCluster(options, nodes, log));
    console.log(`\n${table(results)}\n`);
    const one = results[0]!.throughput.acknowledgedPerSecond;
    for (const r of results.slice(1)) {
      console.log(`${r.nodes} proxies / 1, sustained: ${fmt(r.throughput.acknowledgedPerSecond / one, 2)}`);
    }
    console.log(
      `results: ${await writeResults(`chat-haproxy-${options.pairs}`, { options, results, machine: machineInfo() })}`,
    );
    return;
  }
  const postgres = options.postgres ? await TestPostgres.start() : undefined;
  try {
    const stores: (() => Promise<BenchStore>)[] = [async () => SQLITE];
    if (postgres) {
      stores.push(async () => ({ name: 'PostgreSQL', databaseUrl: await postgres.createDatabase() }));
    }
    for (const store of stores) {
      results.push(await runMode(options, true, log, profileDir, await store()));
      if (!options['no-compare']) results.push(await runMode(options, false, log, profileDir, await store()));
    }
  } finally {
    await postgres?.dispose();
  }
  console.log(`\n${table(results)}\n`);
  const sustained = (store: string) =>
    results.find((r) => r.store === store && r.groupCommit)?.throughput.acknowledgedPerSecond;
  const [sqlite, pg] = [sustained('SQLite'), sustained('PostgreSQL')];
  if (sqlite && pg) console.log(`PostgreSQL / SQLite, sustained with group commit: ${fmt(pg / sqlite, 2)}\n`);
  for (const result of results) {
    if (!result.profile) continue;
    const mode = `${result.store}, ${result.groupCommit ? 'group commit' : 'one per message'}`;
    console.log(`proxy CPU profile, ${mode}, whole run:\n${profileTable(result.profile)}\n`);
  }
  const p99 = results[0]!.latency.sendToReceive.p99;
  console.log(
    `aim p99 < ${AIM_P99_MS} ms at half the sustained rate: ${p99 < AIM_P99_MS ? 'met' : 'MISSED'}`,
  );
  const saved = await writeResults(`chat-${options.pairs}`, {
    benchmark: 'chat',
    at: new Date().toISOString(),
    machine: machineInfo(),
    options,
    results,
    aim: { p99Ms: AIM_P99_MS, met: p99 < AIM_P99_MS },
  });
  console.log(`results: ${saved}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exit(1);
  },
);
