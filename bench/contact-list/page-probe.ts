/**
 * What the benchmark measures inside the page: long tasks (over 50 ms) from the start, installed
 * before the hosted client's scripts run; the time between frames while recording; and when the
 * contact list first shows a name, shows them all, and shows every one with a known status (each
 * checked every 50 ms from the benchmark, timed with the page's own clock).
 */
import type { Page } from 'playwright-core';

export interface LongTasks {
  count: number;
  totalMs: number;
  maxMs: number;
}

interface ProbeState {
  longTasks: LongTasks;
  frames: number[];
  recording: boolean;
}

type ProbeWindow = { __probe: ProbeState };

/**
 * The page side, as source text: a function would be serialised with whatever the TypeScript
 * loader added to it (esbuild's `__name` helper for named inner functions), which the page lacks.
 */
const PROBE = `(() => {
  const state = { longTasks: { count: 0, totalMs: 0, maxMs: 0 }, frames: [], recording: false };
  window.__probe = state;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        state.longTasks.count++;
        state.longTasks.totalMs += entry.duration;
        state.longTasks.maxMs = Math.max(state.longTasks.maxMs, entry.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  let last = 0;
  function frame(time) {
    if (state.recording && last) state.frames.push(time - last);
    last = time;
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();`;

export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: PROBE });
}

export class ListTimeoutError extends Error {
  override name = 'ListTimeoutError';
}

/** What the contact list shows now: names in the DOM, and how many still have no status. */
function listNow(): { names: number; unknown: number; at: number } {
  const names = document.querySelectorAll('st-web-contacts st-live-name');
  let unknown = 0;
  for (const name of names) if (name.getAttribute('status') === 'unknown') unknown++;
  return { names: names.length, unknown, at: performance.now() };
}

export interface LoadMilestones {
  /** ms from navigation start (the page's clock). */
  firstNameMs: number;
  allNamesMs: number;
  allKnownMs: number;
}

/** Waits for the list to show `target` names, all with a known status; on timeout, says how far it got. */
export async function waitForList(page: Page, target: number, timeoutMs: number): Promise<LoadMilestones> {
  const when = async (test: string) => {
    const handle = await page.waitForFunction(
      ([condition, count]) => {
        const names = document.querySelectorAll('st-web-contacts st-live-name');
        let unknown = 0;
        for (const name of names) if (name.getAttribute('status') === 'unknown') unknown++;
        const done =
          condition === 'first'
            ? names.length > 0
            : condition === 'all'
              ? names.length >= count
              : names.length >= count && unknown === 0;
        return done ? performance.now() : false;
      },
      [test, target] as const,
      { timeout: timeoutMs, polling: 50 },
    );
    return (await handle.jsonValue()) as number;
  };
  try {
    const firstNameMs = await when('first');
    const allNamesMs = await when('all');
    const allKnownMs = await when('known');
    return { firstNameMs, allNamesMs, allKnownMs };
  } catch (error) {
    const seen = await page.evaluate(listNow).catch(() => undefined);
    const where = seen
      ? `${seen.names} names in the list, ${seen.unknown} of them unknown`
      : 'the page did not answer';
    throw new ListTimeoutError(`the list was not complete after ${timeoutMs} ms: ${where}`, { cause: error });
  }
}

export async function longTasks(page: Page): Promise<LongTasks> {
  return page.evaluate(() => ({ ...(window as unknown as ProbeWindow).__probe.longTasks }));
}

/** Starts timing frames (and counting long tasks afresh), or stops and answers the frame times. */
export async function recordFrames(page: Page, on: boolean): Promise<number[]> {
  return page.evaluate((recording) => {
    const state = (window as unknown as ProbeWindow).__probe;
    if (recording) {
      state.frames = [];
      state.longTasks = { count: 0, totalMs: 0, maxMs: 0 };
    }
    state.recording = recording;
    return [...state.frames];
  }, on);
}
