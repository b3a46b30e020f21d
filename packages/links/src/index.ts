/**
 * `@st/links`: the Links Toolkit compatibility layer as a library. `stlinks.ts` is the browser
 * entry built into `/st/stlinks.js`; these exports let other code (and tests) host it elsewhere.
 */
export { installToolkit, UNSUPPORTED_FUNCTIONS } from './install.ts';
export { escapeHtml, LINKS_PREFIX, LIVE_NAME_TAG, linkHtml, SESSION_TAG } from './link-html.ts';
export { ANONYMOUS_USER, type ClientFactory, LinksSession, type LogoutReason } from './links-session.ts';
export { LinksEvent, type Listener, Listeners } from './listeners.ts';
export { clientOptionsFor, type LoginPlan, planLogin } from './login-plan.ts';
export { DEFAULT_LINK_OPTIONS, type LinkOptions, parseLinkOptions } from './options.ts';
export { componentsUrlBeside, LinksUrlError, serverFromLinksUrl } from './server-url.ts';
export { type StatusReport, StatusWatch } from './status-watch.ts';
export { LinksToolkit, type ToolkitHost } from './toolkit.ts';
