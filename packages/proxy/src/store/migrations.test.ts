import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, schemaVersion } from './migrations.ts';
import { DATABASE_FILE, openDatabase, SqliteStore } from './sqlite.ts';
import { StoreVersionError } from './types.ts';

const LIMITS = { groups: 100, membersPerGroup: 1000 };
let dataDir: string;
let file: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'st-store-'));
  file = join(dataDir, DATABASE_FILE);
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

function tables(path: string): string[] {
  const db = openDatabase(path);
  try {
    const rows = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all();
    return (rows as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('are listed in ascending order, each version once', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    expect(versions[0]).toBe(1);
  });

  it('apply every unrecorded version in ascending order, across gaps and below the highest applied', () => {
    const db = openDatabase(file);
    const order: number[] = [];
    const step = (version: number) => ({
      version,
      name: `step ${version}`,
      sql: `CREATE TABLE step_${version} (x INTEGER) STRICT; INSERT INTO step_${version} VALUES (${version});`,
    });
    // A database that got 1 and 10 (another feature's range) before 3 and 4 were written.
    expect(migrate(db, [step(1), step(10)])).toEqual([1, 10]);
    const later = [step(1), step(20), step(4), step(3), step(10)];
    for (const applied of migrate(db, later)) order.push(applied);
    expect(order).toEqual([3, 4, 20]);
    expect(migrate(db, later)).toEqual([]);
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY applied_at, version').all();
    expect((rows as { version: number }[]).map((r) => r.version)).toEqual([1, 10, 3, 4, 20]);
    db.close();
  });

  it('refuse a database with a recorded version this proxy does not know', () => {
    const db = openDatabase(file);
    migrate(db, [
      { version: 1, name: 'one', sql: 'SELECT 1' },
      { version: 5, name: 'five', sql: 'SELECT 1' },
    ]);
    expect(() =>
      migrate(db, [
        { version: 1, name: 'one', sql: 'SELECT 1' },
        { version: 9, name: 'nine', sql: 'SELECT 1' },
      ]),
    ).toThrow(StoreVersionError);
    db.close();
  });

  it('bring a new database to the latest version and record each one', async () => {
    const store = SqliteStore.open(dataDir, LIMITS);
    await store.close();
    const db = openDatabase(file);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    db.close();
    expect(rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    expect(tables(file)).toEqual(
      expect.arrayContaining(['contact_groups', 'contact_lists', 'contact_members', 'preferences']),
    );
  });

  it('upgrade a database left at an older version and keep its data', async () => {
    const old = openDatabase(file);
    expect(migrate(old, MIGRATIONS.slice(0, 1))).toEqual([1]);
    old.prepare('INSERT INTO contact_lists (user_id, updated_at) VALUES (?, ?)').run('alice', 1);
    old
      .prepare("INSERT INTO contact_groups (user_id, name, position) VALUES ('alice', 'Old friends', 1)")
      .run();
    old.close();
    expect(tables(file)).not.toContain('preferences');

    const store = SqliteStore.open(dataDir, LIMITS);
    expect(await store.contacts('alice')).toEqual([{ name: 'Old friends', members: [] }]);
    await store.setPreference('alice', 'sound', true);
    expect(await store.preferences('alice')).toEqual({ sound: true });
    await store.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
  });

  it('apply nothing twice: opening again changes nothing', async () => {
    await SqliteStore.open(dataDir, LIMITS).close();
    const db = openDatabase(file);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('roll back every migration of a start-up when one fails', () => {
    const db = openDatabase(file);
    const broken = [
      ...MIGRATIONS,
      { version: MIGRATIONS.at(-1)!.version + 1, name: 'broken', sql: 'CREATE TABLE (' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    db.close();
    expect(tables(file)).toEqual(['schema_migrations']);
  });

  it('refuse a database that a newer proxy migrated further', () => {
    const db = openDatabase(file);
    migrate(db);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      MIGRATIONS.at(-1)!.version + 1,
      'from the future',
      Date.now(),
    );
    db.close();
    expect(() => SqliteStore.open(dataDir, LIMITS)).toThrow(StoreVersionError);
  });

  it('open the file in WAL mode with synchronous=FULL and foreign keys on', () => {
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
