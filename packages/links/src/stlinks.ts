/**
 * `/st/stlinks.js`: a classic script (an IIFE, no module) for pages written against the Sametime
 * Links Toolkit. Loading it defines the toolkit's global functions and `ll_loggedIn`; the SDK starts
 * only when the page logs in or writes a link.
 */
import { createClient } from '@st/client';
import { installToolkit } from './install.ts';
import { LinksToolkit } from './toolkit.ts';

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
  const toolkit = new LinksToolkit({
    global: page as Record<string, unknown>,
    document,
    scriptUrl: ownUrl(),
    createClient,
    console,
    reportError: (error) => (typeof reportError === 'function' ? reportError(error) : console.error(error)),
    importModule: (url) => import(/* @vite-ignore */ url),
  });
  page[INSTALLED] = toolkit;
  installToolkit(page as Record<string, unknown>, toolkit);
}
