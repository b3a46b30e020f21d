/**
 * The benchmark page: `count` live names inside one `<st-session>`, and a MutationObserver that
 * starts before any element exists and notes (in `performance.now()` time, i.e. ms from
 * navigation start) when the first and the last name show a known status.
 */

export interface PageOptions {
  proxyUrl: string;
  token: string;
  userIds: readonly string[];
}

/** What the page's observer leaves in `window.__bench`. */
export interface PageTimes {
  want: number;
  /** `st-live-name` became a defined element (the bundle ran). */
  definedAt: number | null;
  firstKnownAt: number | null;
  allKnownAt: number | null;
}

/** Runs in the page, before the elements are parsed. Plain ES2020 so it needs no build. */
const OBSERVER = (want: number) => `
(() => {
  const bench = (window.__bench = { want: ${want}, definedAt: null, firstKnownAt: null, allKnownAt: null });
  const known = new Set();
  new MutationObserver((records) => {
    for (const record of records) {
      const status = record.target.getAttribute('status');
      if (status && status !== 'unknown') known.add(record.target);
      else known.delete(record.target);
    }
    if (known.size > 0 && bench.firstKnownAt === null) bench.firstKnownAt = performance.now();
    if (known.size >= bench.want && bench.allKnownAt === null) bench.allKnownAt = performance.now();
  }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['status'] });
  customElements.whenDefined('st-live-name').then(() => { bench.definedAt = performance.now(); });
})();`;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function benchPage(options: PageOptions): string {
  const server = escapeAttribute(options.proxyUrl);
  const names = options.userIds
    .map((id) => `<li><st-live-name user-id="${escapeAttribute(id)}"></st-live-name></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${options.userIds.length} live names</title>
<script>${OBSERVER(options.userIds.length)}</script>
<script type="module" src="${server}/st/components.js"></script>
</head>
<body>
<st-session server="${server}" token="${escapeAttribute(options.token)}">
<ul>
${names}
</ul>
</st-session>
</body>
</html>
`;
}
