/** An element class to define: Lit's, with or without its template engine. */
export type ElementClass = new () => HTMLElement;

/** The tag prefix of `components.js`: `st-live-name`, `st-session`, ... */
export const DEFAULT_PREFIX = 'st';

/** A prefix that would not make valid custom element names. */
export class InvalidPrefixError extends Error {
  constructor(prefix: string) {
    super(`"${prefix}" is not a valid tag prefix: use lowercase letters, digits and inner hyphens`);
    this.name = 'InvalidPrefixError';
  }
}

const VALID_PREFIX = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Defines `${prefix}-${name}`. The default prefix registers the class itself; any other prefix a
 * subclass that remembers it (a constructor can be registered once only, and the elements find
 * their `${prefix}-session` by it). A tag already defined is left as it is: two copies of the
 * script on one page give each other room by using different prefixes.
 */
export function defineElement(
  name: string,
  Base: ElementClass,
  prefix = DEFAULT_PREFIX,
): CustomElementConstructor {
  if (!VALID_PREFIX.test(prefix)) throw new InvalidPrefixError(prefix);
  const tag = `${prefix}-${name}`;
  const existing = customElements.get(tag);
  if (existing) return existing;
  const Element =
    prefix === DEFAULT_PREFIX && !customElements.getName?.(Base) ? Base : withPrefix(Base, prefix);
  customElements.define(tag, Element);
  return Element;
}

function withPrefix(Base: ElementClass, prefix: string): ElementClass {
  return class extends Base {
    static prefix = prefix;
  };
}
