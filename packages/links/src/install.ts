/**
 * Puts the toolkit's functions on the page's global object, under the names pages call. Functions
 * of the toolkit this proxy cannot honour are defined too, so a page calling one hears why in the
 * console instead of failing with a ReferenceError halfway through its script.
 */
import type { LinksToolkit } from './toolkit.ts';

/** Toolkit functions with no counterpart here, and why (also listed in the migration guide). */
export const UNSUPPORTED_FUNCTIONS: Readonly<Record<string, string>> = {
  STLinksEnterPlace: 'there are no places (virtual meeting rooms); place events never fire',
  STLinksLeavePlace: 'there are no places (virtual meeting rooms); place events never fire',
};

export function installToolkit(global: Record<string, unknown>, toolkit: LinksToolkit): void {
  const functions: Record<string, (...args: unknown[]) => unknown> = {
    setSTLinksURL: (url, language) => toolkit.setSTLinksURL(url, language),
    writeSTLinksApplet: (name, key, byToken) => toolkit.writeSTLinksApplet(name, key, byToken),
    writeSametimeLink: (id, name, resolve, options) => toolkit.writeSametimeLink(id, name, resolve, options),
    prepareSametimeLink: (id, name, resolve, options) =>
      toolkit.prepareSametimeLink(id, name, resolve, options),
    STLinksWatchUsers: (users, resolve) => toolkit.STLinksWatchUsers(users, resolve),
    STLinksCreateIM: (id) => toolkit.STLinksCreateIM(id),
    STLinksLogout: () => toolkit.STLinksLogout(),
    STLinksAddListener: (event, listener) => toolkit.STLinksAddListener(event, listener),
    STLinksRemoveListener: (event, listener) => toolkit.STLinksRemoveListener(event, listener),
  };
  for (const [name, why] of Object.entries(UNSUPPORTED_FUNCTIONS)) {
    functions[name] = () => toolkit.unsupported(name, why);
  }
  Object.assign(global, functions);
}
