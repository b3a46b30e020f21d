/**
 * The store a proxy uses. Today always the embedded SQLite file in `ST_DATA_DIR`; a store shared
 * by a cluster of proxies will be chosen here by a setting of its own.
 */
import { LIMITS } from '@st/protocol';
import type { ProxyConfig } from '../config.ts';
import { SqliteStore } from './sqlite.ts';
import type { ContactLimits, Store } from './types.ts';

export const CONTACT_LIMITS: ContactLimits = {
  groups: LIMITS.contactGroups,
  membersPerGroup: LIMITS.contactsPerGroup,
};

export function openStore(config: Pick<ProxyConfig, 'dataDir'>): Store {
  return SqliteStore.open(config.dataDir, CONTACT_LIMITS);
}
