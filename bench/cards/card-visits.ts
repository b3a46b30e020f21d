/**
 * Opening the business cards of a page's live names in turn, as a keyboard user does: focus a
 * name (its card opens on keyboard focus: at once, or once its code has loaded for the first), wait until the card shows the person's name and
 * title, then (when they have one) until their photo is decoded, and go on to the next name (which
 * closes the card before). The loop runs in the page, so each time is the page's own
 * `performance.now()` from the focus to the card showing it, with no DevTools round trip in it.
 */
import type { Page } from 'playwright-core';
import type { TestPerson } from '../../packages/proxy/src/testing/people-ldif.ts';

/** What a card must show for one person. */
export interface CardWanted {
  id: string;
  name: string;
  title: string;
  hasPhoto: boolean;
}

export interface CardOpening {
  id: string;
  /** ms from the focus until the card showed the name and the title; null when it never did. */
  shownMs: number | null;
  /** ms from the focus until the photo was decoded (people with a photo); null otherwise. */
  photoMs: number | null;
  /** What went wrong, when something did. */
  problem?: string;
}

export function cardWanted(person: TestPerson): CardWanted {
  return {
    id: person.id,
    name: person.displayName,
    title: person.title ?? '',
    hasPhoto: person.photo !== undefined,
  };
}

interface LoopInput {
  wanted: CardWanted[];
  timeoutMs: number;
}

/**
 * Runs in the page: opens each card in turn and times it. Plain ES2022 in a string (as the page's
 * observer is), so no build step renames or wraps anything in it.
 */
const OPEN_IN_PAGE = `async ({ wanted, timeoutMs }) => {
  // Resolves true once test() holds (checked on every change under root), false on timeout.
  const until = (root, test) =>
    new Promise((resolve) => {
      if (test()) return resolve(true);
      const observer = new MutationObserver(() => {
        if (test()) done(true);
      });
      const timer = setTimeout(() => done(test()), timeoutMs);
      const done = (ok) => {
        observer.disconnect();
        clearTimeout(timer);
        resolve(ok);
      };
      observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  const results = [];
  for (const want of wanted) {
    const opening = { id: want.id, shownMs: null, photoMs: null };
    results.push(opening);
    const liveName = document.querySelector('st-live-name[user-id="' + CSS.escape(want.id) + '"]');
    if (!liveName) {
      opening.problem = 'no live name on the page';
      continue;
    }
    const started = performance.now();
    liveName.focus();
    // The first card waits for its code (components.js loads the card on first use).
    const card = () => liveName.shadowRoot?.querySelector('#card')?.shadowRoot;
    if (!card() && liveName.shadowRoot) await until(liveName.shadowRoot, () => Boolean(card()));
    const root = card();
    if (!root) {
      opening.problem = 'focus opened no card';
      continue;
    }
    const text = (part) => root.querySelector('[part="' + part + '"]')?.textContent ?? null;
    if (!(await until(root, () => text('name') === want.name && text('title') === want.title))) {
      opening.problem = 'the card showed "' + text('name') + '", "' + text('title') + '"';
      continue;
    }
    opening.shownMs = performance.now() - started;
    if (!want.hasPhoto) continue;
    const photo = () => root.querySelector('img[part="photo"]');
    if (!(await until(root, () => Boolean(photo()?.src)))) {
      opening.problem = 'no photo shown';
      continue;
    }
    try {
      await photo().decode();
      opening.photoMs = performance.now() - started;
    } catch {
      opening.problem = 'the photo could not be decoded';
    }
  }
  return results;
}`;

/**
 * Opens the cards of `wanted` in turn, `chunk` per call into the page, telling `progress` how many
 * are done after each chunk.
 */
export async function openCards(
  page: Page,
  wanted: readonly CardWanted[],
  options: { timeoutMs: number; chunk?: number; progress?: (done: number) => void },
): Promise<CardOpening[]> {
  // Keyboard focus opens a card; a script's focus counts as the keyboard's once a key was pressed.
  await page.keyboard.press('Shift');
  const chunk = options.chunk ?? 100;
  const results: CardOpening[] = [];
  for (let start = 0; start < wanted.length; start += chunk) {
    const input: LoopInput = { wanted: wanted.slice(start, start + chunk), timeoutMs: options.timeoutMs };
    const opened = (await page.evaluate(`(${OPEN_IN_PAGE})(${JSON.stringify(input)})`)) as CardOpening[];
    results.push(...opened);
    options.progress?.(results.length);
  }
  // Leave no card open: the next load starts from a quiet page.
  await page.keyboard.press('Escape');
  return results;
}
