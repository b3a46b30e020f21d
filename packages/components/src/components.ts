/**
 * The script served as `/st/components.js`: defines every element with the `st-` prefix (the
 * business card, the chat window, the contact list, the person search and the status picker load
 * on first use, see `lazy-register.ts`)
 * and exports what a page may need beside them: `registerComponents` for a second prefix,
 * `loadElement`, the light elements' classes, and the SDK's `createClient` (`/st/stlinks.js` uses
 * this copy, so a page loads the SDK once).
 */
import { registerComponents } from './lazy-register.ts';

registerComponents();

export { createClient } from '@st/client/lean';
export { loadElement, registerComponents } from './lazy-register.ts';
export { liveNameLabel, statusInWords } from './live-name/labels.ts';
export { StLiveName } from './live-name/live-name.ts';
export type { ElementName, RegisterOptions } from './register.ts';
export { clientFor } from './session/client-for.ts';
export { findSessionElement } from './session/find-session.ts';
export { StSession } from './session/session.ts';
export { DEFAULT_PREFIX, InvalidPrefixError } from './shared/define-element.ts';
