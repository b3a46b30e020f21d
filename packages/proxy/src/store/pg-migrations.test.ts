/** PostgreSQL's migrations: the same versions as SQLite's, applied once, in one transaction. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPostgres } from '../testing/postgres.ts';
import { MIGRATIONS } from './migrations.ts';
import { migratePg, PG_MIGRATIONS } from './pg-migrations.ts';
import { PgStore } from './pg-store.ts';
import { StoreVersionError } from './types.ts';

const LIMITS = { groups: 100, membersPerGroup: 1000 };
let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await TestPostgres.start({ fsync: false });
});
afterAll(() => postgres.dispose());

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const tables = (client: pg.Client) =>
  client
    .query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    .then((r) => r.rows.map((row: { tablename: string }) => row.tablename));

describe('PostgreSQL migrations', () => {
  it('are the same versions, with the same names, as SQLite’s', () => {
    const names = (list: typeof MIGRATIONS) => list.map(({ version, name }) => ({ version, name }));
    expect(names(PG_MIGRATIONS)).toEqual(names(MIGRATIONS));
  });

  it('bring a new database up to date once, even when two proxies start on it together', async () => {
    const url = await postgres.createDatabase();
    const stores = await Promise.all([PgStore.open(url, LIMITS), PgStore.open(url, LIMITS)]);
    const applied = stores.map((s) => s.migrationsApplied);
    await Promise.all(stores.map((s) => s.close()));
    expect(applied).toContainEqual(PG_MIGRATIONS.map((m) => m.version));
    expect(applied).toContainEqual([]);
    const reopened = await PgStore.open(url, LIMITS);
    expect(reopened.migrationsApplied).toEqual([]);
    await reopened.close();
  });

  it('roll back every migration of a start-up when one fails', async () => {
    const url = await postgres.createDatabase();
    await withClient(url, async (client) => {
      const broken = [...PG_MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE (' }];
      await expect(migratePg(client, broken)).rejects.toThrow();
      expect(await tables(client)).toEqual([]);
    });
  });

  it('refuse a database that a newer proxy migrated further', async () => {
    const url = await postgres.createDatabase();
    await (await PgStore.open(url, LIMITS)).close();
    await withClient(url, (client) =>
      client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)"),
    );
    await expect(PgStore.open(url, LIMITS)).rejects.toBeInstanceOf(StoreVersionError);
  });
});
