/**
 * `npm run bench:live-names`: a page on another origin shows 2,000 `<st-live-name>` elements
 * inside one `<st-session>`, loading `/st/components.js` from the proxy, in Debian's Chromium: a
 * first (cold) load and a second (warm) one in the same browser context. See bench/README.md for
 * what each figure means.
 */
import { type OptionSpecs, parseOptions, UsageError, usage } from '../lib/args.ts';
import { machineInfo, writeResults } from '../lib/report.ts';
import { runLiveNames } from './bench.ts';
import { liveNamesTable } from './report.ts';

const OPTIONS = {
  names: { default: 2000, min: 1, max: 10_000, help: 'live names on the page (different people)' },
  online: { default: 200, min: 0, max: 10_000, help: 'of them, people logged in with a status' },
  timeout: { default: 120, min: 5, max: 600, help: 'seconds one page load may take' },
  help: { help: 'print this help' },
} as const satisfies OptionSpecs;

/** The aim for subscribing: a page's names travel in at most this many `watch` frames. */
const WATCH_FRAMES_AIM = 3;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), OPTIONS);
  if (options.help) {
    console.log(usage('npm run bench:live-names --', OPTIONS));
    return;
  }
  const result = await runLiveNames(options, (line) => console.log(`· ${line}`));
  console.log(`\n${liveNamesTable(options.names, result.cold, result.warm, result.scripts)}\n`);
  console.log(`statuses shown: ${JSON.stringify(result.statuses)}`);
  const watchFrames = result.cold.traffic.watchFrames;
  const met = watchFrames <= WATCH_FRAMES_AIM;
  console.log(`aim ≤ ${WATCH_FRAMES_AIM} watch frames: ${met ? 'met' : 'MISSED'} (${watchFrames})`);
  const saved = await writeResults(`live-names-${options.names}`, {
    benchmark: 'live-names',
    at: new Date().toISOString(),
    machine: machineInfo(),
    options,
    ...result,
    aims: [{ aim: `≤ ${WATCH_FRAMES_AIM} watch frames`, value: watchFrames, met }],
  });
  console.log(`\nfigures written to ${saved}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const help = error instanceof UsageError ? `\n${usage('npm run bench:live-names --', OPTIONS)}` : '';
    console.error(`${error instanceof Error ? error.message : error}${help}`);
    process.exit(1);
  },
);
