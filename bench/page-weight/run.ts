/**
 * `npm run bench:page-weight`: the JavaScript a page downloads from the proxy, in Debian's
 * Chromium, for one live name and for a Links Toolkit page with one link, each in a fresh browser
 * context (nothing cached) until the name shows its status. Bytes are Chromium's own accounting
 * of what crossed the wire (`Network.loadingFinished`), headers included: over http:// Chromium
 * asks for gzip, and the proxy sends its pre-compressed gzip copies. Beside it, the bodies gzip'd
 * here, and the peer: Microsoft Graph Toolkit's one-person page, 126 KB (bench/README.md).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { login } from '../lib/api.ts';
import { BENCH_PASSWORD, writeDirectory } from '../lib/directory.ts';
import { ProxyChild } from '../lib/proxy-child.ts';
import { formatTable, machineInfo, machineLine, writeResults } from '../lib/report.ts';
import { ensureBuilt } from '../live-names/bundle.ts';
import { NetworkRecorder } from '../live-names/network.ts';
import { PageServer } from '../live-names/page-server.ts';
import { LINK_TAG, linksPage, liveNamePage } from './pages.ts';

const CHROMIUM = process.env.ST_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Microsoft Graph Toolkit's page with one person (mgt-person), as measured for issue 12. */
const MGT_ONE_PERSON_KB = 126;

interface PageWeight {
  page: string;
  scripts: { url: string; encoding: string | null; wireBytes: number; gzipBytes: number }[];
  wireKb: number;
  gzipKb: number;
}

async function weigh(browser: Browser, name: string, url: string, tag: string, proxyUrl: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const recorder = await NetworkRecorder.attach(await context.newCDPSession(page));
    await page.goto(url);
    await page.waitForFunction(
      (t) => {
        const status = document.querySelector(t)?.getAttribute('status');
        return status !== undefined && status !== null && status !== 'unknown';
      },
      tag,
      { timeout: 60_000 },
    );
    // Let anything the page started settle (a chunk asked for after the status shows would count).
    await page.waitForLoadState('networkidle');
    const scripts = await Promise.all(
      recorder
        .snapshot()
        .scripts.filter((s) => s.url.startsWith(proxyUrl))
        .map(async (s) => {
          const body = Buffer.from(await (await fetch(s.url)).arrayBuffer());
          return {
            url: s.url.slice(proxyUrl.length),
            encoding: s.contentEncoding,
            wireBytes: s.transferBytes,
            gzipBytes: gzipSync(body, { level: 6 }).length,
          };
        }),
    );
    const kb = (n: number) => Math.round(n / 100) / 10;
    return {
      page: name,
      scripts,
      wireKb: kb(scripts.reduce((sum, s) => sum + s.wireBytes, 0)),
      gzipKb: kb(scripts.reduce((sum, s) => sum + s.gzipBytes, 0)),
    } satisfies PageWeight;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  console.log(`· ${machineLine()}`);
  ensureBuilt();
  const workDir = await mkdtemp(join(tmpdir(), 'st-bench-page-weight-'));
  const pages = await PageServer.start();
  let proxy: ProxyChild | undefined;
  let browser: Browser | undefined;
  try {
    proxy = await ProxyChild.start({
      directoryFile: await writeDirectory(workDir, [
        { id: 'viewer', displayName: 'Page Viewer', canLogIn: true },
        { id: 'p1', displayName: 'Person 1', canLogIn: false },
      ]),
      dataDir: join(workDir, 'data'),
      allowedOrigins: [pages.origin],
    });
    const server = proxy.url;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const token = await login(server, 'viewer', BENCH_PASSWORD);
    pages.setPage(liveNamePage(server, token, 'p1'));
    const one = await weigh(browser, 'one live name', `${pages.origin}/`, 'st-live-name', server);
    pages.setPage(linksPage(server, 'viewer', BENCH_PASSWORD, 'p1'));
    const links = await weigh(browser, 'Links Toolkit page', `${pages.origin}/`, LINK_TAG, server);
    const results = [one, links];
    for (const r of results) {
      console.log(`\n${r.page}:`);
      for (const s of r.scripts)
        console.log(`  ${s.url.padEnd(44)} ${s.wireBytes} B on the wire (${s.encoding})`);
    }
    console.log(
      `\n${formatTable([
        ['page', 'JavaScript on the wire', 'gzip -6 of the bodies', 'Microsoft Graph Toolkit, one person'],
        ...results.map((r) => [r.page, `${r.wireKb} KB`, `${r.gzipKb} KB`, `${MGT_ONE_PERSON_KB} KB`]),
      ])}`,
    );
    const saved = await writeResults('page-weight', {
      benchmark: 'page-weight',
      at: new Date().toISOString(),
      machine: machineInfo(),
      chromium: browser.version(),
      peer: { page: 'Microsoft Graph Toolkit, one mgt-person', kb: MGT_ONE_PERSON_KB },
      results,
    });
    console.log(`\nfigures written to ${saved}`);
  } finally {
    await browser?.close();
    await proxy?.stop();
    await pages.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
