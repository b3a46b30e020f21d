/**
 * The example's settings, from the environment. The single sign-on variables have the proxy's names
 * (`ST_SSO_SECRET`, `ST_SSO_AUDIENCE`, `ST_SSO_ISSUER`), so one environment file can serve both.
 */
import { fileURLToPath } from 'node:url';

export interface IntegratorConfig {
  port: number;
  host: string;
  /** The proxy, as browsers reach it (the pages load `/st/components.js` and `/st/stlinks.js` from it). */
  proxyUrl: string;
  /** The HS256 secret shared with the proxy; without it viewers see presence anonymously. */
  ssoSecret: string | undefined;
  ssoAudience: string | undefined;
  ssoIssuer: string | undefined;
  /** The intranet's people: a directory file in the proxy's format (the proxy may serve the same). */
  peopleFile: string;
}

export class IntegratorConfigError extends Error {
  override name = 'IntegratorConfigError';
}

export const DEFAULT_PEOPLE_FILE = fileURLToPath(new URL('../people.json', import.meta.url));

function port(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 8090;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new IntegratorConfigError(`INTEGRATOR_PORT: must be a whole number from 0 to 65535 (got ${raw})`);
  return value;
}

function origin(raw: string | undefined): string {
  const value = (raw ?? 'http://localhost:8080').trim().replace(/\/+$/, '');
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new IntegratorConfigError(`INTEGRATOR_PROXY_URL: must be the proxy's http(s) URL (got ${value})`);
}

const optional = (raw: string | undefined) => (raw?.trim() ? raw.trim() : undefined);

export function loadIntegratorConfig(env: Record<string, string | undefined>): IntegratorConfig {
  return {
    port: port(env.INTEGRATOR_PORT),
    host: optional(env.INTEGRATOR_HOST) ?? '127.0.0.1',
    proxyUrl: origin(env.INTEGRATOR_PROXY_URL),
    // A secret is used exactly as given, like the proxy does.
    ssoSecret: env.ST_SSO_SECRET || undefined,
    ssoAudience: optional(env.ST_SSO_AUDIENCE),
    ssoIssuer: optional(env.ST_SSO_ISSUER),
    peopleFile: optional(env.INTEGRATOR_PEOPLE) ?? DEFAULT_PEOPLE_FILE,
  };
}
