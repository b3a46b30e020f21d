/**
 * Statuses people chose were once kept in `<ST_DATA_DIR>/statuses.json`. The migration that
 * creates the store's table for them (30) is followed by this import, once: the file's statuses
 * go into the store and the file is renamed `statuses.json.imported` (kept, not deleted, so
 * nothing is lost if the import must be redone by hand). A damaged file imports nothing, as it
 * loaded nothing before.
 */
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { SETTABLE_STATUSES } from '@st/protocol';
import type { ChosenStatus, ChosenStatusStore } from './types.ts';

export const STATUSES_FILE = 'statuses.json';

function isChosenStatus(value: unknown): value is ChosenStatus {
  const v = value as ChosenStatus | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (SETTABLE_STATUSES as readonly string[]).includes(v.status) &&
    typeof v.message === 'string'
  );
}

/** Imports `<dataDir>/statuses.json` into `store`; answers how many statuses it held. */
export async function importStatusesFile(store: ChosenStatusStore, dataDir: string): Promise<number> {
  const path = join(dataDir, STATUSES_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return 0;
  }
  const statuses = new Map<string, ChosenStatus>();
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    for (const [id, value] of Object.entries(data)) {
      if (isChosenStatus(value)) statuses.set(id, { status: value.status, message: value.message });
    }
  } catch {
    // A damaged file loses the remembered statuses, not the proxy: everyone starts available.
  }
  if (statuses.size > 0) await store.setChosenStatuses(statuses);
  await rename(path, `${path}.imported`);
  return statuses.size;
}
