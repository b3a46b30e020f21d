import type { LinkOptions } from './options.ts';

/** The tag prefix of the elements this script writes: `<stlinks-live-name>` in `<stlinks-session>`. */
export const LINKS_PREFIX = 'stlinks';
export const LIVE_NAME_TAG = `${LINKS_PREFIX}-live-name`;
export const SESSION_TAG = `${LINKS_PREFIX}-session`;

/** Marks written links; holds the name the page gave, so a resolved id can be put in later. */
export const GIVEN_NAME_ATTRIBUTE = 'data-stlinks-name';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside an element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * The HTML of one live name. Until the elements are defined (or if they never load) the name shows
 * as plain text; once defined, the element renders its own shadow DOM and the text is not shown.
 */
export function linkHtml(userId: string, displayName: string, options: LinkOptions): string {
  const attributes = [
    `user-id="${escapeHtml(userId)}"`,
    displayName ? `display-name="${escapeHtml(displayName)}"` : '',
    `${GIVEN_NAME_ATTRIBUTE}="${escapeHtml(userId)}"`,
    options.icon ? '' : 'data-icon="no"',
    options.text ? '' : 'data-text="no"',
    options.offlineLink ? '' : 'data-offline-link="no"',
  ].filter(Boolean);
  const fallback = options.text ? escapeHtml(displayName || userId) : '';
  return `<${LIVE_NAME_TAG} ${attributes.join(' ')}>${fallback}</${LIVE_NAME_TAG}>`;
}

/**
 * Rules for the toolkit's options, adopted by the document as a constructable stylesheet (which a
 * strict Content-Security-Policy allows, unlike a `<style>` element the script would inject).
 */
export const LINK_OPTION_RULES = `
${LIVE_NAME_TAG}[data-icon="no"]::part(indicator) { display: none; }
${LIVE_NAME_TAG}[data-text="no"]::part(name) { display: none; }
`;
