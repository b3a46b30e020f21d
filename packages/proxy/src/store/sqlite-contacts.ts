/**
 * Contact lists in SQLite (tables of migration 1). Every change runs in one transaction: seeding
 * from the directory, the operation, and the list's revision, so a failed change leaves nothing
 * behind, not even the seed.
 */
import type { Database, Statement, Transaction } from 'better-sqlite3';
import { SqliteNicknames } from './sqlite-nicknames.ts';
import {
  type ContactChange,
  ContactLimitError,
  type ContactLimits,
  GroupExistsError,
  GroupNotFoundError,
  MemberNotFoundError,
  type StoredGroup,
  type StoredMember,
} from './types.ts';

interface ListedRow {
  group_id: number;
  group_name: string;
  member_id: string | null;
  display_name: string | null;
}

export class SqliteContacts {
  private readonly statements: ReturnType<typeof prepare>;
  private readonly nicknames: SqliteNicknames;
  private readonly changeInTransaction: Transaction<
    (userId: string, change: ContactChange, seed: readonly StoredGroup[]) => void
  >;

  constructor(
    db: Database,
    private readonly limits: ContactLimits,
  ) {
    this.statements = prepare(db);
    this.nicknames = new SqliteNicknames(db);
    this.changeInTransaction = db.transaction(
      (userId: string, change: ContactChange, seed: readonly StoredGroup[]) => {
        if (!this.has(userId)) this.seed(userId, seed);
        this.apply(userId, change);
        // A person no group holds any more loses their nickname with the change that removed them.
        this.nicknames.prune(userId);
        this.statements.touchList.run(Date.now(), userId);
      },
    );
  }

  has(userId: string): boolean {
    return this.statements.hasList.get(userId) !== undefined;
  }

  read(userId: string): StoredGroup[] | null {
    if (!this.has(userId)) return null;
    const groups: StoredGroup[] = [];
    const nicknames = this.nicknames.read(userId);
    let groupId: number | undefined;
    for (const row of this.statements.listGroups.iterate(userId) as Iterable<ListedRow>) {
      if (row.group_id !== groupId) {
        groupId = row.group_id;
        groups.push({ name: row.group_name, members: [] });
      }
      if (row.member_id !== null) {
        const member: StoredMember = { id: row.member_id, displayName: row.display_name ?? row.member_id };
        const nickname = nicknames.get(row.member_id);
        if (nickname !== undefined) member.nickname = nickname;
        groups.at(-1)!.members.push(member);
      }
    }
    return groups;
  }

  change(userId: string, change: ContactChange, seed: readonly StoredGroup[]): StoredGroup[] {
    // Immediate: take the write lock first, so a second proxy on the same file waits rather than
    // failing half-way with SQLITE_BUSY.
    this.changeInTransaction.immediate(userId, change, seed);
    return this.read(userId) ?? [];
  }

  /** Stores what the directory offered, as the person's first list (duplicates dropped). */
  private seed(userId: string, seed: readonly StoredGroup[]): void {
    const s = this.statements;
    s.insertList.run(userId, Date.now());
    const names = new Set<string>();
    for (const group of seed) {
      if (names.has(group.name)) continue;
      names.add(group.name);
      const groupId = Number(s.insertGroup.run(userId, group.name, userId).lastInsertRowid);
      const ids = new Set<string>();
      for (const member of group.members) {
        if (ids.has(member.id)) continue;
        ids.add(member.id);
        s.insertMember.run(groupId, member.id, member.displayName, groupId);
      }
    }
  }

  private groupId(userId: string, name: string): number {
    const row = this.statements.findGroup.get(userId, name) as { id: number } | undefined;
    if (!row) throw new GroupNotFoundError(name);
    return row.id;
  }

  private isMember(groupId: number, userId: string): StoredMember | undefined {
    const row = this.statements.findMember.get(groupId, userId) as { display_name: string } | undefined;
    return row && { id: userId, displayName: row.display_name };
  }

  private addMember(groupId: number, member: StoredMember): void {
    if (this.isMember(groupId, member.id)) return;
    const { count } = this.statements.countMembers.get(groupId) as { count: number };
    if (count >= this.limits.membersPerGroup) {
      throw new ContactLimitError(`A group holds at most ${this.limits.membersPerGroup} people.`);
    }
    this.statements.insertMember.run(groupId, member.id, member.displayName, groupId);
  }

  private apply(userId: string, change: ContactChange): void {
    const s = this.statements;
    switch (change.op) {
      case 'createGroup': {
        if (s.findGroup.get(userId, change.name)) throw new GroupExistsError(change.name);
        const { count } = s.countGroups.get(userId) as { count: number };
        if (count >= this.limits.groups) {
          throw new ContactLimitError(`A contact list holds at most ${this.limits.groups} groups.`);
        }
        s.insertGroup.run(userId, change.name, userId);
        return;
      }
      case 'renameGroup': {
        const id = this.groupId(userId, change.name);
        if (change.newName === change.name) return;
        if (s.findGroup.get(userId, change.newName)) throw new GroupExistsError(change.newName);
        s.renameGroup.run(change.newName, id);
        return;
      }
      case 'deleteGroup':
        s.deleteGroup.run(this.groupId(userId, change.name));
        return;
      case 'addMember':
        this.addMember(this.groupId(userId, change.group), change.member);
        return;
      case 'removeMember':
        s.deleteMember.run(this.groupId(userId, change.group), change.userId);
        return;
      case 'moveMember': {
        const from = this.groupId(userId, change.from);
        const to = this.groupId(userId, change.to);
        const member = this.isMember(from, change.userId);
        if (!member) {
          // Already where it was asked to go: a retried move succeeds without changing anything.
          if (this.isMember(to, change.userId)) return;
          throw new MemberNotFoundError(change.userId, change.from);
        }
        if (from === to) return;
        this.addMember(to, member);
        s.deleteMember.run(from, change.userId);
        return;
      }
      case 'setNickname':
        this.nicknames.set(userId, change.userId, change.nickname);
        return;
    }
  }
}

function prepare(db: Database) {
  const statement = (sql: string): Statement => db.prepare(sql);
  return {
    hasList: statement('SELECT 1 FROM contact_lists WHERE user_id = ?'),
    insertList: statement('INSERT INTO contact_lists (user_id, updated_at) VALUES (?, ?)'),
    touchList: statement(
      'UPDATE contact_lists SET revision = revision + 1, updated_at = ? WHERE user_id = ?',
    ),
    listGroups: statement(`
      SELECT g.id AS group_id, g.name AS group_name, m.user_id AS member_id, m.display_name
      FROM contact_groups g LEFT JOIN contact_members m ON m.group_id = g.id
      WHERE g.user_id = ?
      ORDER BY g.position, g.id, m.position`),
    findGroup: statement('SELECT id FROM contact_groups WHERE user_id = ? AND name = ?'),
    countGroups: statement('SELECT count(*) AS count FROM contact_groups WHERE user_id = ?'),
    insertGroup: statement(`
      INSERT INTO contact_groups (user_id, name, position)
      VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM contact_groups WHERE user_id = ?))`),
    renameGroup: statement('UPDATE contact_groups SET name = ? WHERE id = ?'),
    deleteGroup: statement('DELETE FROM contact_groups WHERE id = ?'),
    findMember: statement('SELECT display_name FROM contact_members WHERE group_id = ? AND user_id = ?'),
    countMembers: statement('SELECT count(*) AS count FROM contact_members WHERE group_id = ?'),
    insertMember: statement(`
      INSERT INTO contact_members (group_id, user_id, display_name, position)
      VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM contact_members WHERE group_id = ?))`),
    deleteMember: statement('DELETE FROM contact_members WHERE group_id = ? AND user_id = ?'),
  };
}
