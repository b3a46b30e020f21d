/**
 * The integrator's side of the browser tests: a second proxy (the intranet's, with its own people
 * in apps/integrator/people.json, single sign-on and anonymous awareness on) and the example
 * intranet of apps/integrator in front of it, on an origin of its own. Keeping these people apart
 * from the demo directory means these tests never log in anyone the other tests watch.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PEOPLE_FILE, startIntegrator } from '@st/integrator';
import { freePort, startProxyProcess } from './servers.ts';

export interface Intranet {
  proxyUrl: string;
  integratorUrl: string;
  ssoSecret: string;
  stop(): Promise<void>;
}

/** `pageOrigins`: the page server's origins, which embed this proxy's elements too. */
export async function startIntranet(pageOrigins: string[]): Promise<Intranet> {
  const dataDir = mkdtempSync(join(tmpdir(), 'st-e2e-intranet-'));
  const ssoSecret = randomBytes(48).toString('base64url');
  const integratorPort = await freePort();
  const integratorUrl = `http://localhost:${integratorPort}`;
  const proxy = await startProxyProcess({
    ST_DATA_DIR: dataDir,
    ST_DIRECTORY: DEFAULT_PEOPLE_FILE,
    ST_SSO_SECRET: ssoSecret,
    ST_ANONYMOUS_AWARENESS: 'true',
    ST_ALLOWED_ORIGINS: [integratorUrl, ...pageOrigins].join(','),
  });
  const integrator = await startIntegrator({
    port: integratorPort,
    host: '::',
    proxyUrl: proxy.url,
    ssoSecret,
    ssoAudience: undefined,
    ssoIssuer: undefined,
    peopleFile: DEFAULT_PEOPLE_FILE,
  });
  return {
    proxyUrl: proxy.url,
    integratorUrl,
    ssoSecret,
    stop: async () => {
      await integrator.close();
      await proxy.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
