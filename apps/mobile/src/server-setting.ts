/**
 * Which proxy the app talks to: the one it was built for (`VITE_ST_SERVER`), else one the person
 * set before (kept in storage under `st.server`), else the page's own origin (an app whose web
 * view loads its pages from the proxy, as in live-reload development).
 */
import type { KeyValueStorage } from './platform/types.ts';

export const SERVER_KEY = 'st.server';

export async function serverSetting(storage: KeyValueStorage, built?: string): Promise<string> {
  const chosen = built || (await storage.get(SERVER_KEY)) || globalThis.location?.origin;
  if (!chosen) throw new TypeError('No proxy to talk to: build with VITE_ST_SERVER.');
  return chosen.replace(/\/+$/, '');
}
