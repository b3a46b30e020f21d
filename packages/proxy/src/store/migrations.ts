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
 * Versions are ranges per feature (chat 3–9, push 10–19, privacy and contacts 20–29, presence
 * 30–39), so features
 * developed side by side never take the same number; `migrate` applies whatever a database lacks,
 * in ascending order.
 *
 * Chat (3–6) followed the plan that stood here, with these changes: announcements have tables of
 * their own rather than a conversation kind; members keep a `state` (invited, joined, left,
 * declined) and `visible_from` (people invited later see the messages from then on) instead of
 * joined_at/left_at; the client id is unique through a partial index (messages without one are
 * allowed); and `offline_deliveries` points at messages, invitations and announcements alike.
 *
 * The plan for what later issues add, each as a migration of its own:
 * - `privacy_lists (user_id PRIMARY KEY, mode TEXT CHECK (mode IN ('everybody-except',
 *   'only-these')))` and `privacy_members (user_id, member_id, PRIMARY KEY (user_id, member_id))`.
 * - `push_devices (token TEXT PRIMARY KEY, user_id TEXT, platform TEXT CHECK (platform IN ('ios',
 *   'android')), created_at, last_used_at)` with an index on `user_id`.
 *
 * PostgreSQL has the same migrations, by the same numbers, in its own dialect (pg-migrations.ts).
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
  {
    version: 3,
    name: 'conversations',
    sql: `
      -- A 1:1 conversation's id is derived from its two people (so both find the same one); an
      -- N-way one's is random. last_seq numbers its messages; last_activity_at orders a person's list.
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('im', 'nway')),
        topic TEXT,
        created_by TEXT NOT NULL,
        created_by_name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        upgraded_from TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0,
        last_activity_at INTEGER NOT NULL
      ) STRICT;
      -- Everyone who ever took part. Only 'invited' and 'joined' may read or post; visible_from is
      -- the last seq before they were (re)invited: they see the messages after it.
      CREATE TABLE conversation_members (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('invited', 'joined', 'left', 'declined')),
        position INTEGER NOT NULL,
        visible_from INTEGER NOT NULL DEFAULT 0,
        delivered_seq INTEGER NOT NULL DEFAULT 0,
        read_seq INTEGER NOT NULL DEFAULT 0,
        changed_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX conversation_members_by_user ON conversation_members (user_id, state, conversation_id);
    `,
  },
  {
    version: 4,
    name: 'messages',
    sql: `
      -- seq pages history by cursor; the unique client id makes a retried send store once.
      CREATE TABLE messages (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        sender TEXT NOT NULL,
        sender_name TEXT NOT NULL,
        client_id TEXT,
        body TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      ) STRICT;
      CREATE UNIQUE INDEX messages_by_client_id ON messages (conversation_id, sender, client_id)
        WHERE client_id IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'offline deliveries',
    sql: `
      -- What waits for a person who had no live stream: pointers to a message (ref = conversation,
      -- seq), an invitation (ref = conversation, actor = who invited) or an announcement (ref = its
      -- id). Taken, in order, and deleted when the person next opens a stream.
      CREATE TABLE offline_deliveries (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('message', 'invitation', 'announcement')),
        ref TEXT NOT NULL,
        seq INTEGER NOT NULL DEFAULT 0,
        actor TEXT
      ) STRICT;
      CREATE INDEX offline_deliveries_by_user ON offline_deliveries (user_id, id);
    `,
  },
  {
    version: 6,
    name: 'announcements',
    sql: `
      CREATE TABLE announcements (
        id TEXT PRIMARY KEY,
        sender TEXT NOT NULL,
        sender_name TEXT NOT NULL,
        body TEXT NOT NULL,
        allow_replies INTEGER NOT NULL CHECK (allow_replies IN (0, 1)),
        sent_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE announcement_recipients (
        user_id TEXT NOT NULL,
        announcement_id TEXT NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, announcement_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 10,
    name: 'push devices',
    sql: `
      -- A token belongs to one person at a time: registering it again under another login moves
      -- it. registered_at orders a person's devices (the oldest is dropped past the limit).
      CREATE TABLE push_devices (
        token TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        platform TEXT NOT NULL CHECK (platform IN ('ios', 'android')),
        app_id TEXT,
        registered_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX push_devices_by_user ON push_devices (user_id, registered_at);
    `,
  },
  {
    version: 20,
    name: 'privacy lists',
    sql: `
      -- A row only for people whose list is not the default (everybody-except with nobody), so the
      -- proxy loads every list that hides someone with one scan at start-up.
      CREATE TABLE privacy_lists (
        user_id TEXT PRIMARY KEY,
        mode TEXT NOT NULL CHECK (mode IN ('everybody-except', 'only-these')),
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE privacy_members (
        user_id TEXT NOT NULL REFERENCES privacy_lists (user_id) ON DELETE CASCADE,
        member_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (user_id, member_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 21,
    name: 'contact nicknames',
    sql: `
      -- One nickname per person in a contact list, whatever their groups; removed with the last
      -- group that holds the person.
      CREATE TABLE contact_nicknames (
        user_id TEXT NOT NULL REFERENCES contact_lists (user_id) ON DELETE CASCADE,
        member_id TEXT NOT NULL,
        nickname TEXT NOT NULL,
        PRIMARY KEY (user_id, member_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 30,
    name: 'chosen statuses',
    sql: `
      -- The statuses people chose by hand (once in statuses.json, imported at this migration by
      -- store/import-statuses.ts). No row: available, with no message.
      CREATE TABLE chosen_statuses (
        user_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        message TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
];

/** The version whose migration imports `statuses.json` (see import-statuses.ts). */
export const CHOSEN_STATUSES_VERSION = 30;

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

/** The versions recorded in `db`'s `schema_migrations`, ascending. */
export function appliedVersions(db: Database): number[] {
  schemaVersion(db);
  const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
    version: number;
  }[];
  return rows.map((row) => row.version);
}

/**
 * Brings `db` up to date in one immediate transaction (so two proxies starting on one file cannot
 * both migrate it); answers the versions applied.
 *
 * Versions need not be consecutive (features take ranges of numbers: chat 3–9, push 10–19,
 * privacy 20–29…), so every migration the database has not recorded is applied, in ascending
 * order, even one numbered below a version already applied: a database that got 10 before 3
 * existed still gets 3. A recorded version this proxy does not know means a newer (or different)
 * proxy wrote the file, which is refused rather than misread.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const run = db.transaction((): number[] => {
    const recorded = appliedVersions(db);
    checkVersions(recorded, ordered);
    const done = new Set(recorded);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const migration of ordered) {
      if (done.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
      applied.push(migration.version);
    }
    return applied;
  });
  return run.immediate();
}

/** Throws a StoreVersionError when a database recorded a version `known` (ascending) lacks. */
export function checkVersions(recorded: readonly number[], known: readonly Migration[]): void {
  const versions = new Set(known.map((m) => m.version));
  const latest = known.at(-1)?.version ?? 0;
  const unknown = recorded.filter((version) => !versions.has(version));
  if (unknown.length === 0) return;
  const newest = Math.max(...unknown);
  throw new StoreVersionError(
    newest > latest
      ? `the database is at schema version ${newest}, newer than this proxy knows (${latest}): ` +
          'run a newer proxy, or restore a backup taken before the upgrade'
      : `the database has schema version ${newest}, which this proxy does not know: ` +
          'run the proxy that wrote it, or restore a backup',
  );
}
