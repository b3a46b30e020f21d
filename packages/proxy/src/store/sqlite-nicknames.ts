/**
 * Nicknames of contacts in SQLite (table of migration 21): one per person in a list, whatever
 * their groups. Runs inside the contact-list transaction of `SqliteContacts`, so a nickname is
 * stored, and pruned, with the change that caused it.
 */
import type { Database, Statement } from 'better-sqlite3';
import { ContactNotFoundError } from './types.ts';

export class SqliteNicknames {
  private readonly statements: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.statements = prepare(db);
  }

  /** Sets (or with null removes) the nickname of `memberId`, who must be in one of the groups. */
  set(userId: string, memberId: string, nickname: string | null): void {
    if (!this.statements.isContact.get(userId, memberId)) throw new ContactNotFoundError(memberId);
    if (nickname === null) this.statements.remove.run(userId, memberId);
    else this.statements.upsert.run(userId, memberId, nickname);
  }

  /** Forgets the nicknames of people no group of the list holds any more. */
  prune(userId: string): void {
    this.statements.prune.run(userId, userId);
  }

  read(userId: string): Map<string, string> {
    const rows = this.statements.read.all(userId) as { member_id: string; nickname: string }[];
    return new Map(rows.map((row) => [row.member_id, row.nickname]));
  }
}

function prepare(db: Database) {
  const statement = (sql: string): Statement => db.prepare(sql);
  const contactsOf = `
    SELECT m.user_id FROM contact_members m JOIN contact_groups g ON g.id = m.group_id
    WHERE g.user_id = ?`;
  return {
    isContact: statement(`${contactsOf} AND m.user_id = ? LIMIT 1`),
    upsert: statement(`
      INSERT INTO contact_nicknames (user_id, member_id, nickname) VALUES (?, ?, ?)
      ON CONFLICT (user_id, member_id) DO UPDATE SET nickname = excluded.nickname`),
    remove: statement('DELETE FROM contact_nicknames WHERE user_id = ? AND member_id = ?'),
    prune: statement(`
      DELETE FROM contact_nicknames WHERE user_id = ? AND member_id NOT IN (${contactsOf})`),
    read: statement('SELECT member_id, nickname FROM contact_nicknames WHERE user_id = ?'),
  };
}
