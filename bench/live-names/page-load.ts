/** One load of the benchmark page in Chromium, and what it took. */
import type { CDPSession, Page } from 'playwright-core';
import type { LoadTraffic, NetworkRecorder } from './network.ts';
import type { PageTimes } from './page.ts';

/** Main-thread time of the page during the load, by kind (Chromium's Performance domain), in ms. */
export interface MainThreadMs {
  task: number;
  script: number;
  styleRecalc: number;
  layout: number;
}

export interface LoadFigures {
  times: PageTimes;
  traffic: LoadTraffic;
  mainThread: MainThreadMs;
}

async function mainThreadNow(cdp: CDPSession): Promise<MainThreadMs> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    task: value('TaskDuration'),
    script: value('ScriptDuration'),
    styleRecalc: value('RecalcStyleDuration'),
    layout: value('LayoutDuration'),
  };
}

/**
 * `after - before` for each kind, or `after` alone for a counter that started again with the new
 * document (Chromium keeps some across a navigation in one renderer and restarts others).
 */
function spent(before: MainThreadMs, after: MainThreadMs): MainThreadMs {
  const kind = (key: keyof MainThreadMs) =>
    after[key] >= before[key] ? after[key] - before[key] : after[key];
  return {
    task: kind('task'),
    script: kind('script'),
    styleRecalc: kind('styleRecalc'),
    layout: kind('layout'),
  };
}

export class LoadTimeoutError extends Error {
  override name = 'LoadTimeoutError';
}

type BenchWindow = { __bench?: PageTimes };

/** Loads `url`, waits until every name shows a known status and the network is quiet. */
export async function measureLoad(
  page: Page,
  cdp: CDPSession,
  recorder: NetworkRecorder,
  url: string,
  timeoutMs: number,
): Promise<LoadFigures> {
  const before = await mainThreadNow(cdp);
  recorder.reset();
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  try {
    await page.waitForFunction(() => (window as BenchWindow).__bench?.allKnownAt != null, undefined, {
      timeout: timeoutMs,
      polling: 100,
    });
  } catch {
    const times = await page.evaluate(() => (window as BenchWindow).__bench);
    throw new LoadTimeoutError(
      `not every name showed a known status within ${timeoutMs} ms: ${JSON.stringify(times)}`,
    );
  }
  // Calls for names may still be under way: count them once the page is quiet.
  await page.waitForLoadState('networkidle', { timeout: timeoutMs }).catch(() => undefined);
  const times = await page.evaluate(() => (window as BenchWindow).__bench!);
  return { times, traffic: recorder.snapshot(), mainThread: spent(before, await mainThreadNow(cdp)) };
}

/** Entries in the SDK's IndexedDB cache of `userId` (0 when it does not exist yet). */
function cacheEntries(page: Page, userId: string): Promise<number> {
  return page.evaluate(async (name) => {
    // Opening a database that does not exist would create it without its store: look first.
    const known = await indexedDB.databases();
    if (!known.some((db) => db.name === name)) return 0;
    return new Promise<number>((resolve) => {
      const open = indexedDB.open(name);
      open.onerror = () => resolve(0);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('cache')) {
          db.close();
          resolve(0);
          return;
        }
        const count = db.transaction('cache', 'readonly').objectStore('cache').count();
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => resolve(0);
        count.transaction!.oncomplete = () => db.close();
      };
    });
  }, `st-${userId}`);
}

/**
 * Waits until the SDK has saved what the page showed (it writes in batches, every half second),
 * so the warm load finds it: `want` entries, or a count that stopped growing. Answers the count.
 */
export async function waitForCache(
  page: Page,
  userId: string,
  want: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let steadySince = Date.now();
  for (;;) {
    const count = await cacheEntries(page, userId);
    if (count !== last) {
      last = count;
      steadySince = Date.now();
    }
    if (count >= want || (count > 0 && Date.now() - steadySince >= 1500) || Date.now() > deadline)
      return count;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** How many names show each status now. */
export function statusCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const element of document.querySelectorAll('st-live-name')) {
      const status = element.getAttribute('status') ?? 'none';
      counts[status] = (counts[status] ?? 0) + 1;
    }
    return counts;
  });
}
