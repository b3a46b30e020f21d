/**
 * The durable store on PostgreSQL (`ST_DATABASE_URL=postgres://...`), for proxies that share one
 * community: every proxy of a cluster opens the same database. Same interface and the same
 * numbered migrations as the embedded SQLite store (pg-migrations.ts); docs/store.md describes the
 * data model, and backups with pg_dump.
 */
import { isRestrictive, type PrivacyList, type PrivacyMode } from '@st/protocol';
import { PgChat } from './pg-chat.ts';
import { PgContacts } from './pg-contacts.ts';
import { PgDatabase } from './pg-database.ts';
import { PgDeviceStore } from './pg-devices.ts';
import { migratePg } from './pg-migrations.ts';
import type { OwnedPrivacyList } from './privacy-store.ts';
import type { ChosenStatus, ContactChange, ContactLimits, Store, StoredGroup } from './types.ts';

interface PrivacyRow {
  user_id: string;
  mode: PrivacyMode;
  member_id: string | null;
}

const PRIVACY_SELECT = `
  SELECT l.user_id, l.mode, m.member_id
  FROM privacy_lists l LEFT JOIN privacy_members m ON m.user_id = l.user_id`;

export class PgStore implements Store {
  readonly chat: PgChat;
  readonly devices: PgDeviceStore;
  private readonly contactsTable: PgContacts;
  private closed = false;

  private constructor(
    private readonly db: PgDatabase,
    limits: ContactLimits,
    /** The migrations this open applied (none when the database was up to date). */
    readonly migrationsApplied: readonly number[],
  ) {
    this.chat = new PgChat(db);
    this.devices = new PgDeviceStore(db);
    this.contactsTable = new PgContacts(db, limits);
  }

  /** Connects to `url` and brings the schema up to date. */
  static async open(
    url: string,
    limits: ContactLimits,
    options: { poolSize?: number } = {},
  ): Promise<PgStore> {
    const db = new PgDatabase(url, { max: options.poolSize });
    try {
      const client = await db.pool.connect();
      try {
        return new PgStore(db, limits, await migratePg(client));
      } finally {
        client.release();
      }
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  contacts(userId: string): Promise<StoredGroup[] | null> {
    return this.contactsTable.read(userId);
  }

  hasContacts(userId: string): Promise<boolean> {
    return this.contactsTable.has(userId);
  }

  changeContacts(
    userId: string,
    change: ContactChange,
    seed: readonly StoredGroup[],
  ): Promise<StoredGroup[]> {
    return this.contactsTable.change(userId, change, seed);
  }

  async preferences(userId: string): Promise<Record<string, unknown>> {
    const rows = await this.db.rows<{ key: string; value: unknown }>(
      'SELECT key, value FROM preferences WHERE user_id = $1 ORDER BY key',
      [userId],
    );
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  }

  setPreference(userId: string, key: string, value: unknown): Promise<void> {
    return this.setPreferences(userId, { [key]: value });
  }

  setPreferences(userId: string, values: Record<string, unknown>): Promise<void> {
    return this.db.transaction(async (c) => {
      const now = Date.now();
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) {
          await c.query('DELETE FROM preferences WHERE user_id = $1 AND key = $2', [userId, key]);
        } else {
          await c.query(
            `INSERT INTO preferences (user_id, key, value, updated_at) VALUES ($1, $2, $3::jsonb, $4)
             ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
            [userId, key, JSON.stringify(value), now],
          );
        }
      }
    });
  }

  async privacyList(userId: string): Promise<PrivacyList | null> {
    const rows = await this.db.rows<PrivacyRow>(
      `${PRIVACY_SELECT} WHERE l.user_id = $1 ORDER BY m.position`,
      [userId],
    );
    const list = collectPrivacy(rows)[0];
    return list ? { mode: list.mode, people: list.people } : null;
  }

  setPrivacyList(userId: string, list: PrivacyList): Promise<void> {
    return this.db.transaction(async (c) => {
      if (!isRestrictive(list)) {
        // Deleting the row deletes its members (ON DELETE CASCADE).
        await c.query('DELETE FROM privacy_lists WHERE user_id = $1', [userId]);
        return;
      }
      // The upsert locks the person's row, so two proxies replacing one list take turns.
      await c.query(
        `INSERT INTO privacy_lists (user_id, mode, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`,
        [userId, list.mode, Date.now()],
      );
      await c.query('DELETE FROM privacy_members WHERE user_id = $1', [userId]);
      await c.query(
        `INSERT INTO privacy_members (user_id, member_id, position)
         SELECT $1, id, n - 1 FROM unnest($2::text[]) WITH ORDINALITY AS t (id, n) ORDER BY n
         ON CONFLICT DO NOTHING`,
        [userId, list.people],
      );
    });
  }

  async privacyLists(): Promise<OwnedPrivacyList[]> {
    return collectPrivacy(await this.db.rows<PrivacyRow>(`${PRIVACY_SELECT} ORDER BY l.user_id, m.position`));
  }

  async chosenStatuses(): Promise<Map<string, ChosenStatus>> {
    const rows = await this.db.rows<{ user_id: string; status: ChosenStatus['status']; message: string }>(
      'SELECT user_id, status, message FROM chosen_statuses',
    );
    return new Map(rows.map((row) => [row.user_id, { status: row.status, message: row.message }]));
  }

  setChosenStatuses(changes: ReadonlyMap<string, ChosenStatus | null>): Promise<void> {
    const set = [...changes].filter((entry): entry is [string, ChosenStatus] => entry[1] !== null);
    const removed = [...changes].filter(([, chosen]) => chosen === null).map(([id]) => id);
    return this.db.transaction(async (c) => {
      if (removed.length > 0)
        await c.query('DELETE FROM chosen_statuses WHERE user_id = ANY($1::text[])', [removed]);
      if (set.length === 0) return;
      await c.query(
        `INSERT INTO chosen_statuses (user_id, status, message, updated_at)
         SELECT u, s, m, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t (u, s, m)
         ON CONFLICT (user_id) DO UPDATE SET status = excluded.status, message = excluded.message,
           updated_at = excluded.updated_at`,
        [set.map(([id]) => id), set.map(([, s]) => s.status), set.map(([, s]) => s.message), Date.now()],
      );
    });
  }

  readonly kind = 'postgresql';

  async ping(): Promise<void> {
    await this.db.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }
}

/** Groups rows ordered by owner, then position, into one list per owner. */
function collectPrivacy(rows: readonly PrivacyRow[]): OwnedPrivacyList[] {
  const lists: OwnedPrivacyList[] = [];
  for (const row of rows) {
    let list = lists.at(-1);
    if (list?.userId !== row.user_id) {
      list = { userId: row.user_id, mode: row.mode, people: [] };
      lists.push(list);
    }
    if (row.member_id !== null) list.people.push(row.member_id);
  }
  return lists;
}
