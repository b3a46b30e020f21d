import { describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_FILE, IntegratorConfigError, loadIntegratorConfig } from './config.ts';

describe('loadIntegratorConfig', () => {
  it('has defaults for a proxy on this machine, and no single sign-on without a secret', () => {
    expect(loadIntegratorConfig({})).toEqual({
      port: 8090,
      host: '127.0.0.1',
      proxyUrl: 'http://localhost:8080',
      ssoSecret: undefined,
      ssoAudience: undefined,
      ssoIssuer: undefined,
      peopleFile: DEFAULT_PEOPLE_FILE,
    });
  });

  it('reads the port, the proxy and the shared single sign-on settings', () => {
    const config = loadIntegratorConfig({
      INTEGRATOR_PORT: '0',
      INTEGRATOR_PROXY_URL: 'https://proxy.example/',
      ST_SSO_SECRET: ' kept exactly ',
      ST_SSO_AUDIENCE: 'st-proxy',
    });
    expect(config).toMatchObject({
      port: 0,
      proxyUrl: 'https://proxy.example',
      ssoSecret: ' kept exactly ',
      ssoAudience: 'st-proxy',
    });
  });

  it('names the setting that is wrong', () => {
    expect(() => loadIntegratorConfig({ INTEGRATOR_PORT: 'eighty' })).toThrow(IntegratorConfigError);
    expect(() => loadIntegratorConfig({ INTEGRATOR_PORT: 'eighty' })).toThrow(/^INTEGRATOR_PORT:/);
    expect(() => loadIntegratorConfig({ INTEGRATOR_PROXY_URL: 'ftp://x' })).toThrow(/^INTEGRATOR_PROXY_URL:/);
  });
});
