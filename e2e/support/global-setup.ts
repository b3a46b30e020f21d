import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIntranet } from './intranet.ts';
import { freePort, startPageServer, startProxyProcess } from './servers.ts';

/**
 * One proxy (as `npm start` runs it) and one page server on another origin for the whole run, and
 * the intranet (a second proxy with the example integrator in front of it, see intranet.ts).
 * Their URLs reach the tests through the environment, which workers inherit.
 */
export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'st-e2e-'));
  // The page server must know the proxy's URL and the proxy the page server's origin, so the page
  // server's port is chosen first.
  const pagePort = await freePort();
  const pageOrigin = `http://localhost:${pagePort}`;
  const proxy = await startProxyProcess({ ST_DATA_DIR: dataDir, ST_ALLOWED_ORIGINS: pageOrigin });
  // The intranet's proxy serves pages of the page server too: from `localhost` (another site) and
  // from `127.0.0.1` (the proxy's own site, where its cookie travels).
  const sameSitePages = `http://127.0.0.1:${pagePort}`;
  const intranet = await startIntranet([pageOrigin, sameSitePages]);
  const pages = await startPageServer(proxy.url, pagePort, { INTRANET_PROXY: intranet.proxyUrl });
  process.env.ST_E2E_PROXY = proxy.url;
  process.env.ST_E2E_PAGES = pages.url;
  process.env.ST_E2E_PAGES_SAME_SITE = sameSitePages;
  process.env.ST_E2E_INTRANET_PROXY = intranet.proxyUrl;
  process.env.ST_E2E_INTEGRATOR = intranet.integratorUrl;
  return async () => {
    pages.server.close();
    await intranet.stop();
    await proxy.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
