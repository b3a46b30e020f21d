import type { Status } from '@st/protocol/core';

/*
 * One shape per status so that the indicator never relies on colour alone: a check for available,
 * a clock for away, a bar for do not disturb, a calendar for a meeting, dots for not using the
 * computer, a hollow ring for offline and a question mark for unknown. The disc takes its colour
 * from `currentColor` (set per status in the styles); the glyph on it from `--st-glyph-color`.
 *
 * Markup, not templates: the live name draws them without lit-html (a page of live names loads no
 * template engine); elements that render with Lit use `statusIcon()` from `status-icon.ts`. They
 * are constants of this file, never built from data.
 */
const disc = '<circle cx="8" cy="8" r="7.5" fill="currentColor" />';
const glyph = 'var(--st-glyph-color, #fff)';

export const STATUS_ICONS: Record<Status, string> = {
  available: `${disc}<path d="M4.6 8.3l2.3 2.3 4.6-4.8" fill="none" stroke="${glyph}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />`,
  away: `${disc}<path d="M8 4.3V8l2.6 1.7" fill="none" stroke="${glyph}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />`,
  dnd: `${disc}<rect x="3.8" y="7" width="8.4" height="2" rx="0.6" fill="${glyph}" />`,
  'in-meeting': `${disc}<g fill="none" stroke="${glyph}" stroke-width="1.2" stroke-linecap="round"><rect x="4.4" y="5" width="7.2" height="6.4" rx="1" /><path d="M4.4 7.4h7.2M6.3 3.8v2M9.7 3.8v2" /></g>`,
  'not-using': `${disc}<g fill="${glyph}"><circle cx="4.9" cy="8" r="1.1" /><circle cx="8" cy="8" r="1.1" /><circle cx="11.1" cy="8" r="1.1" /></g>`,
  offline: '<circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="2.2" />',
  unknown:
    '<circle cx="8" cy="8" r="6.6" fill="none" stroke="currentColor" stroke-width="1.4" stroke-dasharray="2.6 1.8" /><path d="M6.3 6.4a1.8 1.8 0 1 1 2.4 1.7c-.5.2-.7.6-.7 1.1v.3" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" /><circle cx="8" cy="11.4" r="0.85" fill="currentColor" />',
};

/** A small phone shown beside the status when every session of the person is on a phone. */
export const MOBILE_ICON =
  '<rect x="4.5" y="1.5" width="7" height="13" rx="1.6" fill="none" stroke="currentColor" stroke-width="1.5" /><circle cx="8" cy="12" r="0.9" fill="currentColor" />';
