/**
 * The store's tests run against every backend: `describe.each(storeBackends())` gives each test
 * a fresh, empty store of SQLite (a temporary data directory) and of PostgreSQL (a new database on
 * a server started once per test file, on a free port; see testing/postgres.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { TestPostgres } from '../testing/postgres.ts';
import { PgStore } from './pg-store.ts';
import { SqliteStore } from './sqlite.ts';
import type { ContactLimits, Store } from './types.ts';

/** One empty database of a backend: open a store on it as often as a test likes (a restart). */
export interface StoreLocation {
  open(limits: ContactLimits): Promise<Store>;
  /** The data directory (for SQLite, where the database file is). */
  dataDir: string;
  /** For PostgreSQL, the database's URL (`ST_DATABASE_URL`). */
  databaseUrl?: string;
  /** Deletes the database (every store opened on it must be closed first). */
  dispose(): Promise<void>;
}

export interface StoreBackend {
  name: 'SQLite' | 'PostgreSQL';
  /** A new, empty database. */
  create(): Promise<StoreLocation>;
}

let server: Promise<TestPostgres> | undefined;

/** The backends; call at the top level of a test file (it stops the PostgreSQL server afterwards). */
export function storeBackends(): StoreBackend[] {
  afterAll(async () => {
    const started = server;
    server = undefined;
    await (await started)?.dispose();
  });
  return [
    {
      name: 'SQLite',
      async create() {
        const dataDir = await mkdtemp(join(tmpdir(), 'st-store-'));
        return {
          dataDir,
          open: async (limits) => SqliteStore.open(dataDir, limits),
          dispose: () => rm(dataDir, { recursive: true, force: true }),
        };
      },
    },
    {
      name: 'PostgreSQL',
      async create() {
        // Commits need not reach the disk here: the server outlives every store of the test.
        server ??= TestPostgres.start({ fsync: false });
        const url = await (await server).createDatabase();
        const dataDir = await mkdtemp(join(tmpdir(), 'st-store-'));
        return {
          dataDir,
          databaseUrl: url,
          open: (limits) => PgStore.open(url, limits),
          dispose: () => rm(dataDir, { recursive: true, force: true }),
        };
      },
    },
  ];
}
