/**
 * Loads the code of lazily defined tags when the first element of one appears in the document
 * (now, or later: a MutationObserver watches until every tag is defined). An element a page puts
 * in a shadow root of its own is not seen: `loadElement()` of `components.js` loads it directly.
 */
import { loadTag } from './lazy-tags.ts';

export function loadWhenUsed(tags: readonly string[]): void {
  if (typeof document === 'undefined' || typeof MutationObserver !== 'function') return;
  const waiting = new Set(tags.filter((tag) => !customElements.get(tag)));
  if (waiting.size === 0) return;
  const found = (root: Element): void => {
    for (const tag of waiting) {
      if (root.localName !== tag && !root.querySelector(tag)) continue;
      waiting.delete(tag);
      void loadTag(tag);
    }
  };
  found(document.documentElement);
  if (waiting.size === 0) return;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) found(node);
    }
    if (waiting.size === 0) observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
