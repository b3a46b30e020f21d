/**
 * `npm run bench:fanout`: presence fan-out of the proxy against a raw `ws` broadcast, in one run.
 *
 * N WebSocket sessions watch one hot person and `--others` more; the hot person changes status
 * over and over (`PUT /api/v1/me/status`), each change sent once every session got the one
 * before. Then the same harness measures a raw `ws` server broadcasting a message of the same size
 * to as many sockets. See bench/README.md for what each figure means.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { UsageError, usage } from '../lib/args.ts';
import { fmt, machineInfo, RESULTS_DIR, writeResults } from '../lib/report.ts';
import { proxyLabel, runFanout } from './bench.ts';
import { FANOUT_OPTIONS, parseFanoutOptions } from './options.ts';
import { clusterTable, fanoutTable, profileTable } from './report.ts';

class LimitError extends Error {
  override name = 'LimitError';
}

function openFileLimit(): number {
  try {
    return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
  } catch {
    return Number.NaN;
  }
}

async function main(): Promise<void> {
  const options = parseFanoutOptions(process.argv.slice(2));
  if (options.help) {
    console.log(usage('npm run bench:fanout --', FANOUT_OPTIONS));
    return;
  }
  const limit = openFileLimit();
  // Each server holds one descriptor per socket, and so does the worker holding its share.
  if (limit < options.sessions + 200) {
    throw new LimitError(
      `${options.sessions} sessions need more open files than ulimit -n (${limit}): raise it`,
    );
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const profileDir = options.profile ? join(RESULTS_DIR, 'profiles', `fanout-${stamp}`) : undefined;
  const result = await runFanout(options, (line) => console.log(`· ${line}`), profileDir);

  console.log(`\n${fanoutTable(result.proxy, result.raw, proxyLabel(options))}\n`);
  if (result.cluster) console.log(`${clusterTable(result.proxy, result.cluster)}\n`);
  for (const aim of result.aims) {
    console.log(`aim ${aim.aim}: ${aim.met ? 'met' : 'MISSED'} (${fmt(aim.value, aim.value < 10 ? 2 : 1)})`);
  }
  for (const [name, summary] of Object.entries(result.profiles ?? {})) {
    if (summary) console.log(`\n${name} CPU profile, measured changes only:\n${profileTable(summary)}`);
  }
  if (profileDir) console.log(`\nprofiles (open in Chrome DevTools): ${profileDir}`);
  const saved = await writeResults(`fanout-${options.client === 'sdk' ? 'sdk-' : ''}${options.sessions}`, {
    benchmark: 'fanout',
    at: new Date().toISOString(),
    machine: machineInfo(),
    options,
    ...result,
  });
  console.log(`\nfigures written to ${saved}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const help = error instanceof UsageError ? `\n${usage('npm run bench:fanout --', FANOUT_OPTIONS)}` : '';
    console.error(`${error instanceof Error ? error.message : error}${help}`);
    process.exit(1);
  },
);
