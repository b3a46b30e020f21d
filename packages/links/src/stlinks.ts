/**
 * `/st/stlinks.js`: a classic script (an IIFE, no module) for pages written against the Sametime
 * Links Toolkit. Loading it defines the toolkit's global functions and `ll_loggedIn` at once; the
 * SDK is not in it: it comes from `components.js` beside it (imported now, in the background), so
 * the page loads the SDK once, shared with the live names, and starts it only when the page logs
 * in or writes a link.
 */

import { installToolkit } from './install.ts';
import type { ClientFactory } from './links-session.ts';
import { componentsUrlBeside } from './server-url.ts';
import { LinksToolkit } from './toolkit.ts';

interface ComponentsModule {
  createClient: ClientFactory;
}

const INSTALLED = Symbol.for('st-proxy.stlinks');

/** Where this script came from: read while it runs, since `currentScript` is gone afterwards. */
function ownUrl(): string {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current.src;
  const scripts = document.querySelectorAll<HTMLScriptElement>('script[src]');
  const found = [...scripts].find((script) => /\/stlinks\.js(?:[?#]|$)/.test(script.src));
  return found?.src ?? location.href;
}

const page = window as unknown as Record<string | symbol, unknown>;
if (page[INSTALLED]) {
  console.error('stlinks.js: loaded twice; the first copy stays in charge');
} else {
  const scriptUrl = ownUrl();
  const importModule = (url: string) => import(/* @vite-ignore */ url);
  const componentsUrl = componentsUrlBeside(scriptUrl);
  const createClient = importModule(componentsUrl).then(
    (module) => (module as ComponentsModule).createClient,
  );
  createClient.catch((error: unknown) => console.error(`stlinks.js: cannot load ${componentsUrl}`, error));
  const toolkit = new LinksToolkit({
    global: page as Record<string, unknown>,
    document,
    scriptUrl,
    createClient,
    console,
    reportError: (error) => (typeof reportError === 'function' ? reportError(error) : console.error(error)),
    importModule,
  });
  page[INSTALLED] = toolkit;
  installToolkit(page as Record<string, unknown>, toolkit);
}
