import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPageServer, startProxyProcess } from './servers.ts';

/**
 * One proxy (as `npm start` runs it) and one page server on another origin for the whole run.
 * Their URLs reach the tests through the environment, which workers inherit.
 */
export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'st-e2e-'));
  // The page server must know the proxy's URL and the proxy the page server's origin, so the page
  // server's port is chosen first.
  const pagePort = await freePort();
  const pageOrigin = `http://localhost:${pagePort}`;
  const proxy = await startProxyProcess({ ST_DATA_DIR: dataDir, ST_ALLOWED_ORIGINS: pageOrigin });
  const pages = await startPageServer(proxy.url, pagePort);
  process.env.ST_E2E_PROXY = proxy.url;
  process.env.ST_E2E_PAGES = pages.url;
  return async () => {
    pages.server.close();
    await proxy.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
