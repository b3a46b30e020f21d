import { fileURLToPath } from 'node:url';
import type { Registry } from 'prom-client';
import type { ProxyConfig } from '../config.ts';
import { CachedDirectory } from './cached-directory.ts';
import { loadDirectoryFile } from './file-format.ts';
import { JsonDirectory } from './json-directory.ts';
import { type DirectoryLog, LdapDirectory } from './ldap/ldap-directory.ts';
import { splitLdapUrl } from './ldap/settings.ts';
import { countDirectoryQueries } from './metrics.ts';
import type { Directory } from './types.ts';

/** The demo directory's file, shipped in the package. */
export const DEMO_DIRECTORY_FILE = fileURLToPath(new URL('./demo/directory.json', import.meta.url));

/** "No such person" is remembered for a fifth of the card TTL, at most a minute: new hires show up soon. */
const MAX_MISS_TTL_MS = 60_000;

export function isLdapSetting(setting: string): boolean {
  return /^ldaps?:/i.test(setting);
}

/** What an LDAP directory reports to: the proxy's log and metrics. */
export interface DirectoryServices {
  log: DirectoryLog;
  registry: Registry;
}

/**
 * Opens the directory a (validated) configuration names: `demo`, a JSON file (both in memory), or
 * an LDAP URL, cached and coalesced. Nothing connects yet: LDAP connects on first use, so the proxy
 * starts (not ready) while the directory is down.
 */
export function openDirectory(config: ProxyConfig, services: DirectoryServices): Directory {
  if (!isLdapSetting(config.directory)) {
    const file = config.directory === 'demo' ? DEMO_DIRECTORY_FILE : config.directory;
    return new JsonDirectory(loadDirectoryFile(file));
  }
  const ttlMs = config.ldapCacheSeconds * 1000;
  const ldap = new LdapDirectory({
    settings: {
      ...splitLdapUrl(config.directory),
      bindDn: config.ldapBindDn,
      bindPassword: config.ldapBindPassword,
      attributes: config.ldapAttributes,
      filter: config.ldapFilter,
      startTls: config.ldapStartTls,
      caFile: config.ldapCaFile,
      timeoutMs: config.ldapTimeoutMs,
      connectTimeoutMs: config.ldapConnectTimeoutMs,
      cacheSeconds: config.ldapCacheSeconds,
    },
    log: services.log,
    onQuery: countDirectoryQueries(services.registry),
  });
  return new CachedDirectory(ldap, { ttlMs, missTtlMs: Math.min(MAX_MISS_TTL_MS, ttlMs / 5) });
}
