/**
 * `npm run bench:cards`: a page on another origin shows 2,000 `<st-live-name>` elements inside one
 * `<st-session>`, for people of a real OpenLDAP directory (Debian's slapd) behind the proxy; Chromium
 * visits it twice and opens every business card in turn each time. See bench/README.md for what
 * each figure means.
 */
import { type OptionSpecs, parseOptions, UsageError, usage } from '../lib/args.ts';
import { machineInfo, writeResults } from '../lib/report.ts';
import { runCards } from './bench.ts';
import { cardAims, cardsTable, openingTimes } from './report.ts';

const OPTIONS = {
  names: { default: 2000, min: 1, max: 10_000, help: 'live names on the page; every card is opened' },
  timeout: { default: 120, min: 5, max: 600, help: 'seconds one page load (or one card) may take' },
  help: { help: 'print this help' },
} as const satisfies OptionSpecs;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), OPTIONS);
  if (options.help) {
    console.log(usage('npm run bench:cards --', OPTIONS));
    return;
  }
  const result = await runCards(options, (line) => console.log(`· ${line}`));
  console.log(`\n${cardsTable(result)}\n`);
  console.log(`${result.withPhoto} of the ${options.names} people have a photo.`);
  const aims = cardAims(result, options.names);
  for (const aim of aims) console.log(`aim: ${aim.aim}: ${aim.met ? 'met' : 'MISSED'} (${aim.value})`);
  const saved = await writeResults(`cards-${options.names}`, {
    benchmark: 'cards',
    at: new Date().toISOString(),
    machine: machineInfo(),
    options,
    times: {
      first: openingTimes(result.first.cards.openings),
      second: openingTimes(result.second.cards.openings),
    },
    ...result,
    aims,
  });
  console.log(`\nfigures written to ${saved}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const help = error instanceof UsageError ? `\n${usage('npm run bench:cards --', OPTIONS)}` : '';
    console.error(`${error instanceof Error ? error.message : error}${help}`);
    process.exit(1);
  },
);
