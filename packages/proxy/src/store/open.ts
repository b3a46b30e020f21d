/**
 * The store a proxy uses: PostgreSQL when `ST_DATABASE_URL` names one (proxies of a cluster share
 * it), else the embedded SQLite file `<ST_DATA_DIR>/st.db`, the zero-config default. Contact lists,
 * preferences, privacy, chat, push devices and chosen statuses all live in it.
 */
import { LIMITS } from '@st/protocol';
import type { ProxyConfig } from '../config.ts';
import { importStatusesFile } from './import-statuses.ts';
import { CHOSEN_STATUSES_VERSION } from './migrations.ts';
import { PgStore } from './pg-store.ts';
import { SqliteStore } from './sqlite.ts';
import type { ContactLimits, Store } from './types.ts';

export const CONTACT_LIMITS: ContactLimits = {
  groups: LIMITS.contactGroups,
  membersPerGroup: LIMITS.contactsPerGroup,
};

export async function openStore(config: Pick<ProxyConfig, 'dataDir' | 'databaseUrl'>): Promise<Store> {
  const store = config.databaseUrl
    ? await PgStore.open(config.databaseUrl, CONTACT_LIMITS)
    : SqliteStore.open(config.dataDir, CONTACT_LIMITS);
  try {
    // Statuses were once kept in a file of the data directory: imported with their migration.
    if (store.migrationsApplied.includes(CHOSEN_STATUSES_VERSION)) {
      await importStatusesFile(store, config.dataDir);
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
