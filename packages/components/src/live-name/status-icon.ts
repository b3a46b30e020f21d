import type { Status } from '@st/protocol/core';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { STATUS_ICONS } from './icons.ts';

/**
 * A status's shape for a Lit template, inside an `<svg viewBox="0 0 16 16">`. The markup is one of
 * the constants of `icons.ts`, never text from a person or the server, so rendering it as markup
 * is safe.
 */
export function statusIcon(status: Status) {
  return unsafeSVG(STATUS_ICONS[status]);
}
