/** Opening the store a configuration names, and the one-time import of `statuses.json`. */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATUSES_FILE } from './import-statuses.ts';
import { openStore } from './open.ts';
import { PgStore } from './pg-store.ts';
import { SqliteStore } from './sqlite.ts';
import { type StoreLocation, storeBackends } from './store-test-support.ts';

describe.each(storeBackends())('opening the store in $name', (backend) => {
  let location: StoreLocation;
  beforeEach(async () => {
    location = await backend.create();
  });
  afterEach(() => location.dispose());

  const config = () => ({ dataDir: location.dataDir, databaseUrl: location.databaseUrl });

  it('is the backend the settings name', async () => {
    const store = await openStore(config());
    await store.close();
    expect(store).toBeInstanceOf(backend.name === 'SQLite' ? SqliteStore : PgStore);
  });

  it('imports the statuses of an existing statuses.json once, with the migration that made their table', async () => {
    const saved = {
      alice: { status: 'away', message: 'lunch' },
      bob: { status: 'in-meeting', message: '' },
      carol: { status: 'offline', message: 'not a status one can choose' },
    };
    await writeFile(join(location.dataDir, STATUSES_FILE), JSON.stringify(saved));
    const store = await openStore(config());
    expect(await store.chosenStatuses()).toEqual(
      new Map([
        ['alice', { status: 'away', message: 'lunch' }],
        ['bob', { status: 'in-meeting', message: '' }],
      ]),
    );
    await store.setChosenStatuses(new Map([['alice', null]]));
    await store.close();
    expect(await readdir(location.dataDir)).toContain(`${STATUSES_FILE}.imported`);

    // A file written again later (an old proxy's backup restored by hand) is not imported again.
    await writeFile(join(location.dataDir, STATUSES_FILE), JSON.stringify(saved));
    const again = await openStore(config());
    expect(await again.chosenStatuses()).toEqual(new Map([['bob', { status: 'in-meeting', message: '' }]]));
    await again.close();
  });

  it('starts without statuses when there is no file, or a damaged one', async () => {
    await writeFile(join(location.dataDir, STATUSES_FILE), '{"alice": {"status": "aw');
    const store = await openStore(config());
    expect(await store.chosenStatuses()).toEqual(new Map());
    await store.close();
  });
});
