#!/usr/bin/env node
// After a build: the JavaScript each kind of page loads from the proxy before it shows anything
// (a script and every chunk it imports statically; chunks loaded on first use are not counted),
// gzip'd as the proxy serves it (scripts/compress-assets.mjs). Fails when a page is over its
// budget, so a change that makes pages heavier says so in `npm test`. bench:page-weight measures
// the same pages in Chromium.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COMPONENTS = 'packages/components/dist/browser/components.js';
const LINKS = 'packages/links/dist/stlinks.js';

/**
 * Budgets in KB (1,000 bytes) of gzip. The aims are ≤ 25 KB for live names and ≤ 40 KB for a Links
 * Toolkit page; the budgets hold what the pages weigh now with a little room (24.3 and 29.5 KB:
 * Lit's reactive core, the live name and session without Lit's templates, the SDK's stream,
 * presence, cards and warm-visit cache, in one file; contacts, preferences, photos, chat, the card
 * popover, the tab relaying and the other elements with Lit's templates load on first use), so they
 * cannot grow unseen.
 */
export const PAGES = [
  { page: 'one live name', scripts: [COMPONENTS], budgetKb: 25, aimKb: 25 },
  { page: 'Links Toolkit page', scripts: [LINKS, COMPONENTS], budgetKb: 31, aimKb: 40 },
];

/** Static imports of a built module: `import{a as b}from"./chunks/core-x.js"`, `import"./x.js"`. */
const STATIC_IMPORT =
  /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;

function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(STATIC_IMPORT)) closure(join(dirname(file), spec), seen);
  return seen;
}

function gzipBytes(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

export function weigh() {
  return PAGES.map(({ page, scripts, budgetKb, aimKb }) => {
    const files = new Set();
    for (const script of scripts) for (const file of closure(join(ROOT, script))) files.add(file);
    const parts = [...files].map((file) => ({ file: relative(ROOT, file), gzip: gzipBytes(file) }));
    const kb = parts.reduce((sum, part) => sum + part.gzip, 0) / 1000;
    return { page, kb, budgetKb, aimKb, parts };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const missing = [COMPONENTS, LINKS].filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length) {
    console.error(`size budget: ${missing.join(', ')} not built: run npm run build first`);
    process.exit(1);
  }
  let over = 0;
  for (const { page, kb, budgetKb, aimKb, parts } of weigh()) {
    const verdict = kb <= budgetKb ? 'within budget' : 'OVER BUDGET';
    if (kb > budgetKb) over++;
    console.log(`${page}: ${kb.toFixed(1)} KB gzip (budget ${budgetKb} KB, aim ${aimKb} KB): ${verdict}`);
    for (const part of parts) console.log(`  ${part.file.padEnd(58)} ${(part.gzip / 1000).toFixed(1)} KB`);
  }
  process.exit(over === 0 ? 0 : 1);
}
