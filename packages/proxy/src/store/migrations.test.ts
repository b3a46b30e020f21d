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
  it('are numbered 1, 2, 3… without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
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
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
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
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE (' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    db.close();
    expect(tables(file)).toEqual(['schema_migrations']);
  });

  it('refuse a database that a newer proxy migrated further', () => {
    const db = openDatabase(file);
    migrate(db);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      MIGRATIONS.length + 1,
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
