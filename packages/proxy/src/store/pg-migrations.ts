/**
 * The PostgreSQL schema: the same numbered migrations as SQLite's (migrations.ts), by the same
 * numbers and names, in PostgreSQL's dialect. The rules are SQLite's: every migration a database
 * lacks is applied at start-up, all in one transaction, and recorded in `schema_migrations`; a
 * version this proxy does not know is refused. An advisory lock makes proxies that start together
 * migrate one after the other (the second finds nothing to do).
 *
 * Dialect: times are BIGINT milliseconds; generated keys are identity columns; preferences are
 * JSONB; ids are TEXT with the "C" collation, so they sort bytewise as in SQLite whatever the
 * database's locale. `ordinal` columns stand in for SQLite's rowid where insertion order breaks
 * ties.
 */
import type pg from 'pg';
import { checkVersions, type Migration } from './migrations.ts';
import { rowsOf } from './pg-database.ts';

const ID = 'TEXT COLLATE "C"';

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'contact lists',
    sql: `
      CREATE TABLE contact_lists (
        user_id ${ID} PRIMARY KEY,
        revision BIGINT NOT NULL DEFAULT 0,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE contact_groups (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id ${ID} NOT NULL REFERENCES contact_lists (user_id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        position INTEGER NOT NULL,
        UNIQUE (user_id, name)
      );
      CREATE INDEX contact_groups_by_position ON contact_groups (user_id, position);
      CREATE TABLE contact_members (
        group_id BIGINT NOT NULL REFERENCES contact_groups (id) ON DELETE CASCADE,
        user_id ${ID} NOT NULL,
        display_name TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (group_id, user_id)
      );
      CREATE INDEX contact_members_by_position ON contact_members (group_id, position);
    `,
  },
  {
    version: 2,
    name: 'preferences',
    sql: `
      CREATE TABLE preferences (
        user_id ${ID} NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        value JSONB NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (user_id, key)
      );
    `,
  },
  {
    version: 3,
    name: 'conversations',
    sql: `
      CREATE TABLE conversations (
        id ${ID} PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('im', 'nway')),
        topic TEXT,
        created_by ${ID} NOT NULL,
        created_by_name TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        upgraded_from ${ID},
        last_seq INTEGER NOT NULL DEFAULT 0,
        last_activity_at BIGINT NOT NULL
      );
      CREATE TABLE conversation_members (
        conversation_id ${ID} NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        user_id ${ID} NOT NULL,
        display_name TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('invited', 'joined', 'left', 'declined')),
        position INTEGER NOT NULL,
        visible_from INTEGER NOT NULL DEFAULT 0,
        delivered_seq INTEGER NOT NULL DEFAULT 0,
        read_seq INTEGER NOT NULL DEFAULT 0,
        changed_at BIGINT NOT NULL,
        PRIMARY KEY (conversation_id, user_id)
      );
      CREATE INDEX conversation_members_by_user ON conversation_members (user_id, state, conversation_id);
    `,
  },
  {
    version: 4,
    name: 'messages',
    sql: `
      -- (conversation_id, seq) is the key: a seq is allocated once, by UPDATE ... RETURNING on the
      -- conversation's row. The client id is unique per sender and conversation, so a send retried
      -- on any proxy stores once.
      CREATE TABLE messages (
        conversation_id ${ID} NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        sender ${ID} NOT NULL,
        sender_name TEXT NOT NULL,
        client_id TEXT,
        body TEXT NOT NULL,
        sent_at BIGINT NOT NULL,
        PRIMARY KEY (conversation_id, seq)
      );
      CREATE UNIQUE INDEX messages_by_client_id ON messages (conversation_id, sender, client_id)
        WHERE client_id IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'offline deliveries',
    sql: `
      CREATE TABLE offline_deliveries (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id ${ID} NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('message', 'invitation', 'announcement')),
        ref ${ID} NOT NULL,
        seq INTEGER NOT NULL DEFAULT 0,
        actor ${ID}
      );
      CREATE INDEX offline_deliveries_by_user ON offline_deliveries (user_id, id);
    `,
  },
  {
    version: 6,
    name: 'announcements',
    sql: `
      CREATE TABLE announcements (
        id ${ID} PRIMARY KEY,
        ordinal BIGINT GENERATED ALWAYS AS IDENTITY,
        sender ${ID} NOT NULL,
        sender_name TEXT NOT NULL,
        body TEXT NOT NULL,
        allow_replies BOOLEAN NOT NULL,
        sent_at BIGINT NOT NULL
      );
      CREATE TABLE announcement_recipients (
        user_id ${ID} NOT NULL,
        announcement_id ${ID} NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, announcement_id)
      );
    `,
  },
  {
    version: 10,
    name: 'push devices',
    sql: `
      CREATE TABLE push_devices (
        token TEXT PRIMARY KEY,
        ordinal BIGINT GENERATED ALWAYS AS IDENTITY,
        user_id ${ID} NOT NULL,
        platform TEXT NOT NULL CHECK (platform IN ('ios', 'android')),
        app_id TEXT,
        registered_at BIGINT NOT NULL
      );
      CREATE INDEX push_devices_by_user ON push_devices (user_id, registered_at);
    `,
  },
  {
    version: 20,
    name: 'privacy lists',
    sql: `
      CREATE TABLE privacy_lists (
        user_id ${ID} PRIMARY KEY,
        mode TEXT NOT NULL CHECK (mode IN ('everybody-except', 'only-these')),
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE privacy_members (
        user_id ${ID} NOT NULL REFERENCES privacy_lists (user_id) ON DELETE CASCADE,
        member_id ${ID} NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (user_id, member_id)
      );
    `,
  },
  {
    version: 21,
    name: 'contact nicknames',
    sql: `
      CREATE TABLE contact_nicknames (
        user_id ${ID} NOT NULL REFERENCES contact_lists (user_id) ON DELETE CASCADE,
        member_id ${ID} NOT NULL,
        nickname TEXT NOT NULL,
        PRIMARY KEY (user_id, member_id)
      );
    `,
  },
  {
    version: 30,
    name: 'chosen statuses',
    sql: `
      CREATE TABLE chosen_statuses (
        user_id ${ID} PRIMARY KEY,
        status TEXT NOT NULL,
        message TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
    `,
  },
];

/** Any constant: proxies migrating one database take this advisory lock in turn. */
const MIGRATION_LOCK = 0x5354_0001;

/** Brings the database up to date in one transaction; answers the versions applied. */
export async function migratePg(
  client: pg.ClientBase,
  migrations: readonly Migration[] = PG_MIGRATIONS,
): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const recorded = (
      await rowsOf<{ version: number }>(client, 'SELECT version FROM schema_migrations ORDER BY version')
    ).map((row) => row.version);
    const ordered = [...migrations].sort((a, b) => a.version - b.version);
    checkVersions(recorded, ordered);
    const done = new Set(recorded);
    const applied: number[] = [];
    for (const migration of ordered) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
