/**
 * Privacy lists in SQLite (tables of migration 20): a row in `privacy_lists` per person whose list
 * is not the default, with the people in `privacy_members` in the order given.
 */
import { isRestrictive, type PrivacyList, type PrivacyMode } from '@st/protocol';
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type { OwnedPrivacyList } from './privacy-store.ts';

interface ListedRow {
  user_id: string;
  mode: PrivacyMode;
  member_id: string | null;
}

export class SqlitePrivacy {
  private readonly statements: ReturnType<typeof prepare>;
  private readonly replace: Transaction<(userId: string, list: PrivacyList) => void>;

  constructor(db: Database) {
    const s = prepare(db);
    this.statements = s;
    this.replace = db.transaction((userId: string, list: PrivacyList) => {
      // Deleting the row deletes its members (ON DELETE CASCADE).
      s.deleteList.run(userId);
      if (!isRestrictive(list)) return;
      s.insertList.run(userId, list.mode, Date.now());
      list.people.forEach((id, position) => {
        s.insertMember.run(userId, id, position);
      });
    });
  }

  read(userId: string): PrivacyList | null {
    const lists = collect(this.statements.readList.iterate(userId) as Iterable<ListedRow>);
    const list = lists[0];
    return list ? { mode: list.mode, people: list.people } : null;
  }

  write(userId: string, list: PrivacyList): void {
    // Immediate: take the write lock first, so a second process waits rather than failing half-way.
    this.replace.immediate(userId, list);
  }

  all(): OwnedPrivacyList[] {
    return collect(this.statements.readAll.iterate() as Iterable<ListedRow>);
  }
}

/** Groups rows ordered by owner, then position, into one list per owner. */
function collect(rows: Iterable<ListedRow>): OwnedPrivacyList[] {
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

function prepare(db: Database) {
  const statement = (sql: string): Statement => db.prepare(sql);
  const select = `
    SELECT l.user_id, l.mode, m.member_id
    FROM privacy_lists l LEFT JOIN privacy_members m ON m.user_id = l.user_id`;
  return {
    readList: statement(`${select} WHERE l.user_id = ? ORDER BY m.position`),
    readAll: statement(`${select} ORDER BY l.user_id, m.position`),
    deleteList: statement('DELETE FROM privacy_lists WHERE user_id = ?'),
    insertList: statement('INSERT INTO privacy_lists (user_id, mode, updated_at) VALUES (?, ?, ?)'),
    insertMember: statement(
      'INSERT OR IGNORE INTO privacy_members (user_id, member_id, position) VALUES (?, ?, ?)',
    ),
  };
}
