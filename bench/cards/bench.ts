/**
 * The business-card benchmark as a function: slapd with `names` generated people (some with
 * photos), the proxy against it, a page on another origin with a live name for each of them inside
 * one `<st-session server token>`, and Chromium visiting it twice in one browser context. On each
 * visit the page loads, then every card is opened in turn. bench/cards/run.ts is its command line.
 */
import { type Browser, chromium } from 'playwright-core';
import { login } from '../lib/api.ts';
import { machineLine } from '../lib/report.ts';
import { ensureBuilt } from '../live-names/bundle.ts';
import { benchPage } from '../live-names/page.ts';
import { waitForCache } from '../live-names/page-load.ts';
import { PageServer } from '../live-names/page-server.ts';
import { type CallFigures, CardNetwork } from './card-network.ts';
import { type CardOpening, cardWanted, openCards } from './card-visits.ts';
import { LdapProxy, VIEWER } from './ldap-proxy.ts';
import { classifySearches, countsSince, directoryQueries, type LoggedSearches } from './ldap-queries.ts';

export interface CardsOptions {
  /** Live names on the page, each a different person; every card is opened. */
  names: number;
  /** Longest wait for one page load, and for one card, in seconds. */
  timeout: number;
}

/** What one part of a visit cost the directory and the network. */
export interface PhaseFigures {
  /** `st_directory_queries_total{op}` during the phase (the proxy's count). */
  queries: Record<string, number>;
  /** The searches slapd logged during the phase. */
  searches: LoggedSearches;
  calls: CallFigures;
}

export interface VisitFigures {
  /** Loading the page until every name shows its status and the network is quiet. */
  load: PhaseFigures & { allKnownMs: number | null };
  /** Opening every card in turn. */
  cards: PhaseFigures & { openings: CardOpening[] };
}

export interface CardsResult {
  chromium: string;
  /** People on the page with a photo. */
  withPhoto: number;
  first: VisitFigures;
  second: VisitFigures;
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

type BenchWindow = { __bench?: { allKnownAt: number | null } };
type NamedElement = Element & { name?: string; userId?: string };

export async function runCards(options: CardsOptions, say: (line: string) => void): Promise<CardsResult> {
  say(machineLine());
  ensureBuilt();
  const timeoutMs = options.timeout * 1000;
  const pages = await PageServer.start();
  let servers: LdapProxy | undefined;
  let browser: Browser | undefined;
  try {
    servers = await LdapProxy.start({ people: options.names, allowedOrigins: [pages.origin] });
    const { url: server, slapd } = servers;
    const people = servers.ordinaryPeople(options.names);
    const wanted = people.map(cardWanted);
    const token = await login(server, VIEWER.id, VIEWER.password);
    pages.setPage(benchPage({ proxyUrl: server, token, userIds: people.map((p) => p.id) }));
    say(
      `slapd at ${slapd.url} with ${slapd.people.length} people; proxy at ${server}; page at ${pages.origin}`,
    );

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await (await browser.newContext()).newPage();
    const network = await CardNetwork.attach(await page.context().newCDPSession(page));

    /** Runs `work`, and answers what the directory and the network saw meanwhile. */
    const measured = async <T>(work: () => Promise<T>): Promise<PhaseFigures & { value: T }> => {
      const before = directoryQueries(await (await fetch(`${server}/metrics`)).text());
      const searchesBefore = slapd.searches().length;
      network.take();
      const value = await work();
      // Answers still on their way belong to this phase.
      await page.waitForLoadState('networkidle', { timeout: timeoutMs }).catch(() => undefined);
      const after = directoryQueries(await (await fetch(`${server}/metrics`)).text());
      return {
        value,
        queries: countsSince(before, after),
        searches: classifySearches(slapd.searches().slice(searchesBefore)),
        calls: network.take(),
      };
    };

    const visit = async (label: string): Promise<VisitFigures> => {
      const load = await measured(async () => {
        await page.goto(`${pages.origin}/`, { waitUntil: 'load', timeout: timeoutMs });
        await page.waitForFunction(() => (window as BenchWindow).__bench?.allKnownAt != null, undefined, {
          timeout: timeoutMs,
          polling: 100,
        });
        // Every name shows the directory's display name: the page's cards have been asked for.
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll<NamedElement>('st-live-name')].every((n) => n.name !== n.userId),
          undefined,
          { timeout: timeoutMs, polling: 100 },
        );
        return page.evaluate(() => (window as BenchWindow).__bench?.allKnownAt ?? null);
      });
      say(`${label}: page loaded, every status known after ${Math.round(load.value ?? Number.NaN)} ms`);
      const cards = await measured(() =>
        openCards(page, wanted, {
          timeoutMs,
          progress: (done) => {
            if (done % 500 === 0 || done === wanted.length) say(`${label}: ${done} cards opened`);
          },
        }),
      );
      const { value: allKnownMs, ...loadFigures } = load;
      const { value: openings, ...cardFigures } = cards;
      return { load: { ...loadFigures, allKnownMs }, cards: { ...cardFigures, openings } };
    };

    const first = await visit('first visit');
    const kept = await waitForCache(page, VIEWER.id, 2 * options.names, 15_000);
    say(`the SDK's IndexedDB cache holds ${kept} entries`);
    const second = await visit('second visit');
    return {
      chromium: browser.version(),
      withPhoto: wanted.filter((w) => w.hasPhoto).length,
      first,
      second,
    };
  } finally {
    await browser?.close();
    await servers?.stop();
    await pages.stop();
  }
}
