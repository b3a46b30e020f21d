/** The statuses people chose, in SQLite (the table of migration 30). */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { ChosenStatus } from './types.ts';

interface StatusRow {
  user_id: string;
  status: ChosenStatus['status'];
  message: string;
}

export class SqliteStatuses {
  private readonly all: Statement;
  private readonly write: Transaction<(changes: ReadonlyMap<string, ChosenStatus | null>) => void>;

  constructor(db: Database) {
    this.all = db.prepare('SELECT user_id, status, message FROM chosen_statuses');
    const upsert = db.prepare(`
      INSERT INTO chosen_statuses (user_id, status, message, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (user_id) DO UPDATE SET status = excluded.status, message = excluded.message,
        updated_at = excluded.updated_at`);
    const remove = db.prepare('DELETE FROM chosen_statuses WHERE user_id = ?');
    this.write = db.transaction((changes: ReadonlyMap<string, ChosenStatus | null>) => {
      const now = Date.now();
      for (const [userId, chosen] of changes) {
        if (chosen === null) remove.run(userId);
        else upsert.run(userId, chosen.status, chosen.message, now);
      }
    });
  }

  read(): Map<string, ChosenStatus> {
    const rows = this.all.all() as StatusRow[];
    return new Map(rows.map((row) => [row.user_id, { status: row.status, message: row.message }]));
  }

  set(changes: ReadonlyMap<string, ChosenStatus | null>): void {
    this.write.immediate(changes);
  }
}
