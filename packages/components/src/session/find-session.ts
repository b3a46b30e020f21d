/**
 * The session element an element belongs to: the nearest `<prefix>-session` ancestor, climbing out
 * of shadow roots through their hosts, else the only one on the page, else none.
 */
export function findSessionElement(from: Element, sessionTag: string): Element | null {
  let node: Element | null = from;
  while (node) {
    const found = node.closest(sessionTag);
    if (found) return found;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  const onPage = from.ownerDocument.querySelectorAll(sessionTag);
  return onPage.length === 1 ? (onPage[0] ?? null) : null;
}
