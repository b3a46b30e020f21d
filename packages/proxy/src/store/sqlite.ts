/**
 * The embedded store: one SQLite file, `<ST_DATA_DIR>/st.db`, through better-sqlite3.
 *
 * - WAL journal with `synchronous=FULL`: a commit is fsynced before its promise resolves, so what
 *   the proxy acknowledged survives a SIGKILL of the process and a power cut of the machine.
 *   Readers never wait for the writer.
 * - Foreign keys on, so deleting a group deletes its members.
 * - Migrations (migrations.ts) run at open, in one transaction.
 *
 * better-sqlite3 is synchronous: each call runs on the event loop. A change costs one fsync
 * (a millisecond or so on an SSD); the interface stays asynchronous so a store that is shared by a
 * cluster, or one that moves SQLite to a worker thread, drops in without changing its callers.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PrivacyList } from '@st/protocol';
import DatabaseConstructor, { type Database } from 'better-sqlite3';
import { migrate } from './migrations.ts';
import type { OwnedPrivacyList } from './privacy-store.ts';
import { SqliteChat } from './sqlite-chat.ts';
import { SqliteContacts } from './sqlite-contacts.ts';
import { SqliteDeviceStore } from './sqlite-devices.ts';
import { SqlitePrivacy } from './sqlite-privacy.ts';
import { SqliteStatuses } from './sqlite-statuses.ts';
import type { ChosenStatus, ContactChange, ContactLimits, Store, StoredGroup } from './types.ts';

export const DATABASE_FILE = 'st.db';

/** How long a writer waits for another process holding the lock (a second proxy, a backup). */
const BUSY_TIMEOUT_MS = 5000;

/** Opens a database file with the settings every connection of the store uses. */
export function openDatabase(file: string): Database {
  const db = new DatabaseConstructor(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export class SqliteStore implements Store {
  private readonly contactsTable: SqliteContacts;
  readonly chat: SqliteChat;
  readonly devices: SqliteDeviceStore;
  private readonly statuses: SqliteStatuses;
  private readonly statements: ReturnType<typeof preparePreferences>;
  private readonly privacyTable: SqlitePrivacy;
  private readonly setPreferencesInTransaction: (userId: string, values: Record<string, unknown>) => void;
  private closed = false;

  private constructor(
    private readonly db: Database,
    limits: ContactLimits,
    /** The migrations this open applied (none when the file was up to date). */
    readonly migrationsApplied: readonly number[],
  ) {
    this.contactsTable = new SqliteContacts(db, limits);
    this.chat = new SqliteChat(db);
    this.devices = new SqliteDeviceStore(db);
    this.statuses = new SqliteStatuses(db);
    this.statements = preparePreferences(db);
    this.privacyTable = new SqlitePrivacy(db);
    const setMany = db.transaction((userId: string, values: Record<string, unknown>) => {
      const now = Date.now();
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) this.statements.deletePreference.run(userId, key);
        else this.statements.setPreference.run(userId, key, JSON.stringify(value), now);
      }
    });
    this.setPreferencesInTransaction = (userId, values) => setMany.immediate(userId, values);
  }

  /** Opens (creating when missing) `<dataDir>/st.db` and brings its schema up to date. */
  static open(dataDir: string, limits: ContactLimits): SqliteStore {
    mkdirSync(dataDir, { recursive: true });
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    let applied: number[];
    try {
      applied = migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteStore(db, limits, applied);
  }

  async contacts(userId: string): Promise<StoredGroup[] | null> {
    return this.contactsTable.read(userId);
  }

  async hasContacts(userId: string): Promise<boolean> {
    return this.contactsTable.has(userId);
  }

  async changeContacts(
    userId: string,
    change: ContactChange,
    seed: readonly StoredGroup[],
  ): Promise<StoredGroup[]> {
    return this.contactsTable.change(userId, change, seed);
  }

  async preferences(userId: string): Promise<Record<string, unknown>> {
    const rows = this.statements.preferences.all(userId) as { key: string; value: string }[];
    return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  }

  async setPreference(userId: string, key: string, value: unknown): Promise<void> {
    if (value === undefined) this.statements.deletePreference.run(userId, key);
    else this.statements.setPreference.run(userId, key, JSON.stringify(value), Date.now());
  }

  async setPreferences(userId: string, values: Record<string, unknown>): Promise<void> {
    this.setPreferencesInTransaction(userId, values);
  }

  async privacyList(userId: string): Promise<PrivacyList | null> {
    return this.privacyTable.read(userId);
  }

  async setPrivacyList(userId: string, list: PrivacyList): Promise<void> {
    this.privacyTable.write(userId, list);
  }

  async privacyLists(): Promise<OwnedPrivacyList[]> {
    return this.privacyTable.all();
  }

  async chosenStatuses(): Promise<Map<string, ChosenStatus>> {
    return this.statuses.read();
  }

  async setChosenStatuses(changes: ReadonlyMap<string, ChosenStatus | null>): Promise<void> {
    this.statuses.set(changes);
  }

  readonly kind = 'sqlite';

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Lets SQLite refresh its query planner statistics for the tables this run used.
    this.db.pragma('optimize');
    this.db.close();
  }
}

function preparePreferences(db: Database) {
  return {
    preferences: db.prepare('SELECT key, value FROM preferences WHERE user_id = ? ORDER BY key'),
    setPreference: db.prepare(`
      INSERT INTO preferences (user_id, key, value, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
    deletePreference: db.prepare('DELETE FROM preferences WHERE user_id = ? AND key = ?'),
  };
}
