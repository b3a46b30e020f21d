/**
 * `npm run bench:contact-list`: the hosted client shows a contact list of 2,000 people in Debian's
 * Chromium: how long until it is usable, and how smooth it stays while statuses change. See
 * bench/README.md for what each figure means.
 */
import { type OptionSpecs, parseOptions, UsageError, usage } from '../lib/args.ts';
import { fmt, formatTable, machineInfo, writeResults } from '../lib/report.ts';
import { runContactList } from './bench.ts';

const OPTIONS = {
  people: { default: 2000, min: 1, max: 10_000, help: 'people in the contact list' },
  online: { default: 300, min: 0, max: 10_000, help: 'of them, people logged in (whose status changes)' },
  rate: { default: 50, min: 1, max: 1000, help: 'status changes per second while frames are timed' },
  seconds: { default: 10, min: 1, max: 300, help: 'how long statuses change' },
  timeout: { default: 120, min: 5, max: 600, help: 'seconds the list may take to show every status' },
  help: { help: 'print this help' },
} as const satisfies OptionSpecs;

/** The aim: frames stay under this at the 99th percentile while statuses change (about 30 fps). */
const FRAME_P99_AIM_MS = 33;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), OPTIONS);
  if (options.help) {
    console.log(usage('npm run bench:contact-list --', OPTIONS));
    return;
  }
  const result = await runContactList(
    {
      people: options.people,
      online: Math.min(options.online, options.people),
      changesPerSecond: options.rate,
      seconds: options.seconds,
      timeout: options.timeout,
    },
    (line) => console.log(`· ${line}`),
  );
  const { load, changes } = result;
  console.log(
    `\n${formatTable([
      ['figure', 'value'],
      ['first name shown (ms)', fmt(load.firstNameMs)],
      [`all ${options.people} names in the DOM (ms)`, fmt(load.allNamesMs)],
      ['every status shown: interactive (ms)', fmt(load.interactiveMs)],
      [
        'long tasks during load (count / total ms / max ms)',
        `${load.longTasks.count} / ${fmt(load.longTasks.totalMs)} / ${fmt(load.longTasks.maxMs)}`,
      ],
      [`frame time at ${options.rate} changes/s: p50 (ms)`, fmt(changes.frames.p50, 1)],
      ['frame time p99 (ms)', fmt(changes.frames.p99, 1)],
      ['frame time max (ms)', fmt(changes.frames.max, 1)],
      [
        'long tasks while changing (count / max ms)',
        `${changes.longTasks.count} / ${fmt(changes.longTasks.maxMs)}`,
      ],
    ])}\n`,
  );
  const met = changes.frames.p99 <= FRAME_P99_AIM_MS;
  console.log(`aim p99 frame ≤ ${FRAME_P99_AIM_MS} ms while statuses change: ${met ? 'met' : 'MISSED'}`);
  const saved = await writeResults(`contact-list-${options.people}`, {
    benchmark: 'contact-list',
    at: new Date().toISOString(),
    machine: machineInfo(),
    options,
    ...result,
    aims: [{ aim: `p99 frame ≤ ${FRAME_P99_AIM_MS} ms`, value: changes.frames.p99, met }],
  });
  console.log(`\nfigures written to ${saved}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const help = error instanceof UsageError ? `\n${usage('npm run bench:contact-list --', OPTIONS)}` : '';
    console.error(`${error instanceof Error ? error.message : error}${help}`);
    process.exit(1);
  },
);
