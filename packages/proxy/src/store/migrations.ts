/**
 * The SQLite schema, as numbered migrations. At start-up every migration the database has not had
 * is applied, all in one transaction, and recorded in `schema_migrations`; a database that a newer
 * proxy migrated further than this one knows is refused rather than misread. Never edit a
 * migration that has shipped: add the next number.
 *
 * Conventions: `STRICT` tables; user ids are TEXT exactly as the directory spells them; times are
 * INTEGER milliseconds since the epoch; order is an INTEGER `position` within its parent; every
 * per-person table starts its key with `user_id`, so a person's rows are one index range (and a
 * future sharded store can split by person).
 *
 * The plan for what later issues add, each as a migration of its own:
 * - `conversations (id TEXT PRIMARY KEY, kind TEXT CHECK (kind IN ('im','nway','announcement')),
 *   topic TEXT, created_by TEXT, created_at INTEGER, replies_allowed INTEGER)` and
 *   `conversation_members (conversation_id REFERENCES conversations ON DELETE CASCADE, user_id,
 *   joined_at, left_at, read_seq, delivered_seq, PRIMARY KEY (conversation_id, user_id))` with an
 *   index on `(user_id, conversation_id)` to list a person's conversations. A 1:1 conversation's id
 *   is derived from its two user ids, so both sides find the same one.
 * - `messages (conversation_id REFERENCES conversations ON DELETE CASCADE, seq INTEGER, sender TEXT,
 *   client_id TEXT, body TEXT, sent_at INTEGER, PRIMARY KEY (conversation_id, seq),
 *   UNIQUE (conversation_id, sender, client_id))`: `seq` pages history by cursor, and the unique
 *   client message id makes a retried send store once. A send is acknowledged only after its
 *   transaction commits (WAL with synchronous=FULL makes that durable).
 * - `offline_messages (user_id, conversation_id, seq, PRIMARY KEY (user_id, conversation_id, seq))`:
 *   pointers into `messages` for people who were offline, deleted once delivered.
 * - `privacy_lists (user_id PRIMARY KEY, mode TEXT CHECK (mode IN ('everybody-except',
 *   'only-these')))` and `privacy_members (user_id, member_id, PRIMARY KEY (user_id, member_id))`.
 * - `push_devices (token TEXT PRIMARY KEY, user_id TEXT, platform TEXT CHECK (platform IN ('ios',
 *   'android')), created_at, last_used_at)` with an index on `user_id`.
 * - The statuses people chose (today `statuses.json`, see community/status-store.ts) can move into
 *   the preferences table when the community server is split from the proxy.
 */
import type { Database } from 'better-sqlite3';
import { StoreVersionError } from './types.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'contact lists',
    sql: `
      -- A row here means the person has a stored list (possibly emptied by hand); without one the
      -- directory's groups are offered. revision counts changes, for stores shared by a cluster.
      CREATE TABLE contact_lists (
        user_id TEXT PRIMARY KEY,
        revision INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE contact_groups (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES contact_lists (user_id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        position INTEGER NOT NULL,
        UNIQUE (user_id, name)
      ) STRICT;
      CREATE INDEX contact_groups_by_position ON contact_groups (user_id, position);
      CREATE TABLE contact_members (
        group_id INTEGER NOT NULL REFERENCES contact_groups (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (group_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_members_by_position ON contact_members (group_id, position);
    `,
  },
  {
    version: 2,
    name: 'preferences',
    sql: `
      CREATE TABLE preferences (
        user_id TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, key)
      ) STRICT, WITHOUT ROWID;
    `,
  },
];

/** The highest migration applied to `db` (0 for a new database). */
export function schemaVersion(db: Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

/**
 * Brings `db` up to the last of `migrations` in one immediate transaction (so two proxies starting
 * on one file cannot both migrate it); answers the versions applied.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const latest = migrations.at(-1)?.version ?? 0;
  const run = db.transaction((): number[] => {
    const current = schemaVersion(db);
    if (current > latest) {
      throw new StoreVersionError(
        `the database is at schema version ${current}, newer than this proxy knows (${latest}): ` +
          'run a newer proxy, or restore a backup taken before the upgrade',
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
      applied.push(migration.version);
    }
    return applied;
  });
  return run.immediate();
}
