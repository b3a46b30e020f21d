/**
 * The contact-list benchmark as a function: a viewer with `people` contacts (in groups of 500), of
 * whom `online` are logged in; the hosted client in Debian's Chromium, logged in as the viewer.
 * Measured: a load of the signed-in client until every name shows its status (time to
 * interactive), long tasks during it, then the time between frames while `changesPerSecond`
 * status changes a second arrive for `seconds`. bench/contact-list/run.ts is its command line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTABLE_STATUSES } from '@st/protocol/core';
import { type Browser, chromium } from 'playwright-core';
import { loginMany, setStatus } from '../lib/api.ts';
import { BENCH_PASSWORD } from '../lib/directory.ts';
import { ProxyChild } from '../lib/proxy-child.ts';
import { machineLine } from '../lib/report.ts';
import { type Summary, summarize } from '../lib/stats.ts';
import { ensureBuilt } from '../live-names/bundle.ts';
import { VIEWER, writeContactListDirectory } from './directory.ts';
import { installProbe, type LongTasks, longTasks, recordFrames, waitForList } from './page-probe.ts';

export interface ContactListOptions {
  people: number;
  online: number;
  changesPerSecond: number;
  seconds: number;
  timeout: number;
}

export interface LoadReading {
  firstNameMs: number;
  allNamesMs: number;
  /** Every name shows a known status: the list is usable. */
  interactiveMs: number;
  longTasks: LongTasks;
}

export interface ContactListResult {
  chromium: string;
  groups: number;
  load: LoadReading;
  changes: { sent: number; frames: Summary; longTasks: LongTasks };
}

const CHROMIUM = process.env.ST_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Status changes spread evenly over the period, round-robin over the people online. */
async function changeStatuses(
  server: string,
  tokens: string[],
  perSecond: number,
  seconds: number,
): Promise<number> {
  const total = Math.round(perSecond * seconds);
  const started = Date.now();
  let sent = 0;
  while (sent < total && tokens.length > 0) {
    const due = started + (sent * 1000) / perSecond;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const status = SETTABLE_STATUSES[sent % SETTABLE_STATUSES.length]!;
    await setStatus(server, tokens[sent % tokens.length]!, status, `change ${sent}`);
    sent++;
  }
  return sent;
}

export async function runContactList(
  options: ContactListOptions,
  say: (line: string) => void,
): Promise<ContactListResult> {
  say(machineLine());
  ensureBuilt();
  const workDir = await mkdtemp(join(tmpdir(), 'st-bench-contact-list-'));
  let proxy: ProxyChild | undefined;
  let browser: Browser | undefined;
  try {
    const directory = await writeContactListDirectory(workDir, options.people, options.online);
    proxy = await ProxyChild.start({ directoryFile: directory.file, dataDir: join(workDir, 'data') });
    const server = proxy.url;
    const tokens = await loginMany(server, directory.online, BENCH_PASSWORD);
    await Promise.all(tokens.map((t) => setStatus(server, t, 'available', '')));
    say(
      `proxy at ${server}: ${options.people} contacts in ${directory.groups} groups, ${tokens.length} online`,
    );

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await installProbe(page);
    const timeoutMs = options.timeout * 1000;
    // Log in once through the form; the measured load is the signed-in client loading again.
    await page.goto(server);
    await page.getByLabel('User ID').fill(VIEWER);
    await page.getByLabel('Password', { exact: true }).fill(BENCH_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await waitForList(page, options.people, timeoutMs);
    await page.reload();
    const milestones = await waitForList(page, options.people, timeoutMs);
    const load: LoadReading = {
      firstNameMs: milestones.firstNameMs,
      allNamesMs: milestones.allNamesMs,
      interactiveMs: milestones.allKnownMs,
      longTasks: await longTasks(page),
    };
    say(`load: every status shown after ${Math.round(load.interactiveMs)} ms`);

    await recordFrames(page, true);
    const sent = await changeStatuses(server, tokens, options.changesPerSecond, options.seconds);
    const changing = await longTasks(page);
    const frames = await recordFrames(page, false);
    say(`${sent} status changes over ${options.seconds} s: ${frames.length} frames recorded`);
    return {
      chromium: browser.version(),
      groups: directory.groups,
      load,
      changes: { sent, frames: summarize(frames), longTasks: changing },
    };
  } finally {
    await browser?.close();
    await proxy?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
