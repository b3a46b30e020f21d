/**
 * The live-names benchmark as a function: a directory of `names` people, the proxy, the host
 * page on another origin, and Chromium loading the page twice in one browser context (cold, then
 * warm with the SDK's IndexedDB cache). bench/live-names/run.ts is its command line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTABLE_STATUSES } from '@st/protocol/core';
import { type Browser, chromium } from 'playwright-core';
import { login, loginMany, setStatus } from '../lib/api.ts';
import { BENCH_PASSWORD, type BenchPerson, numberedId, writeDirectory } from '../lib/directory.ts';
import { ProxyChild } from '../lib/proxy-child.ts';
import { machineLine } from '../lib/report.ts';
import { ensureBuilt, type ScriptSize, scriptSizes } from './bundle.ts';
import { NetworkRecorder } from './network.ts';
import { benchPage } from './page.ts';
import { type LoadFigures, measureLoad, statusCounts, waitForCache } from './page-load.ts';
import { PageServer } from './page-server.ts';

export interface LiveNamesOptions {
  /** Live names on the page, each a different person. */
  names: number;
  /** Of them, people logged in with a chosen status (the rest are offline). */
  online: number;
  /** Longest wait for one page load, in seconds. */
  timeout: number;
}

export interface LiveNamesResult {
  chromium: string;
  cold: LoadFigures;
  warm: LoadFigures;
  /** Entries the SDK had saved in IndexedDB before the warm load. */
  cacheEntries: number;
  /** Names per status shown after the cold load. */
  statuses: Record<string, number>;
  scripts: ScriptSize[];
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
const VIEWER = 'viewer';

export async function runLiveNames(
  options: LiveNamesOptions,
  say: (line: string) => void,
): Promise<LiveNamesResult> {
  say(machineLine());
  ensureBuilt();
  const people = Array.from({ length: options.names }, (_, i) => numberedId('p', i + 1, 6));
  const online = people.slice(0, Math.min(options.online, people.length));
  const directory: BenchPerson[] = [
    { id: VIEWER, displayName: 'Page Viewer', canLogIn: true },
    ...people.map((id, i) => ({
      id,
      displayName: `Person ${i + 1}`,
      title: 'Engineer',
      canLogIn: i < online.length,
    })),
  ];
  const workDir = await mkdtemp(join(tmpdir(), 'st-bench-live-names-'));
  const pages = await PageServer.start();
  let proxy: ProxyChild | undefined;
  let browser: Browser | undefined;
  try {
    proxy = await ProxyChild.start({
      directoryFile: await writeDirectory(workDir, directory),
      dataDir: join(workDir, 'data'),
      allowedOrigins: [pages.origin],
    });
    const server = proxy.url;
    const token = await login(server, VIEWER, BENCH_PASSWORD);
    const onlineTokens = await loginMany(server, online, BENCH_PASSWORD);
    await Promise.all(
      onlineTokens.map((t, i) => setStatus(server, t, SETTABLE_STATUSES[i % SETTABLE_STATUSES.length]!, '')),
    );
    pages.setPage(benchPage({ proxyUrl: server, token, userIds: people }));
    say(
      `proxy at ${server}, page at ${pages.origin}: ${options.names} names, ${online.length} people online`,
    );

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const recorder = await NetworkRecorder.attach(cdp);
    await cdp.send('Performance.enable');
    const timeoutMs = options.timeout * 1000;
    const cold = await measureLoad(page, cdp, recorder, `${pages.origin}/`, timeoutMs);
    const statuses = await statusCounts(page);
    say(`cold load: all ${options.names} names known after ${Math.round(cold.times.allKnownAt!)} ms`);
    const cacheEntries = await waitForCache(page, VIEWER, 2 * options.names, 15_000);
    say(`the SDK's IndexedDB cache holds ${cacheEntries} entries`);
    const warm = await measureLoad(page, cdp, recorder, `${pages.origin}/`, timeoutMs);
    say(`warm load: all ${options.names} names known after ${Math.round(warm.times.allKnownAt!)} ms`);
    const fromProxy = cold.traffic.scripts.filter((s) => s.url.startsWith(server)).map((s) => s.url);
    return {
      chromium: browser.version(),
      cold,
      warm,
      cacheEntries,
      statuses,
      scripts: await scriptSizes(fromProxy),
    };
  } finally {
    await browser?.close();
    await proxy?.stop();
    await pages.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}
