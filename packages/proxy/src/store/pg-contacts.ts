/**
 * Contact lists and nicknames in PostgreSQL (tables of migrations 1 and 21), as SqliteContacts
 * does it. A change locks the person's `contact_lists` row first, so changes to one list from
 * several proxies apply one after the other; seeding from the directory, the operation, pruning
 * nicknames and the revision are one transaction.
 */
import type pg from 'pg';
import { type PgDatabase, rowOf, rowsOf } from './pg-database.ts';
import {
  type ContactChange,
  ContactLimitError,
  type ContactLimits,
  ContactNotFoundError,
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

const CONTACTS_OF = `
  SELECT m.user_id FROM contact_members m JOIN contact_groups g ON g.id = m.group_id WHERE g.user_id = $1`;

export class PgContacts {
  constructor(
    private readonly db: PgDatabase,
    private readonly limits: ContactLimits,
  ) {}

  async has(userId: string): Promise<boolean> {
    return (await this.db.rows('SELECT 1 FROM contact_lists WHERE user_id = $1', [userId])).length > 0;
  }

  async read(userId: string): Promise<StoredGroup[] | null> {
    // One snapshot for the list and its nicknames.
    return this.db.transaction((c) => readList(c, userId));
  }

  async change(userId: string, change: ContactChange, seed: readonly StoredGroup[]): Promise<StoredGroup[]> {
    return this.db.transaction(async (c) => {
      const created = await rowOf(
        c,
        'INSERT INTO contact_lists (user_id, updated_at) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING RETURNING 1',
        [userId, Date.now()],
      );
      await c.query('SELECT 1 FROM contact_lists WHERE user_id = $1 FOR UPDATE', [userId]);
      if (created) await this.seed(c, userId, seed);
      await this.apply(c, userId, change);
      // A person no group holds any more loses their nickname with the change that removed them.
      await c.query(
        `DELETE FROM contact_nicknames WHERE user_id = $1 AND member_id NOT IN (${CONTACTS_OF})`,
        [userId],
      );
      await c.query('UPDATE contact_lists SET revision = revision + 1, updated_at = $1 WHERE user_id = $2', [
        Date.now(),
        userId,
      ]);
      return (await readList(c, userId)) ?? [];
    });
  }

  private async seed(c: pg.ClientBase, userId: string, seed: readonly StoredGroup[]): Promise<void> {
    const names = new Set<string>();
    for (const group of seed) {
      if (names.has(group.name)) continue;
      names.add(group.name);
      const groupId = await insertGroup(c, userId, group.name);
      const ids = new Set<string>();
      for (const member of group.members) {
        if (ids.has(member.id)) continue;
        ids.add(member.id);
        await insertMember(c, groupId, member);
      }
    }
  }

  private async apply(c: pg.ClientBase, userId: string, change: ContactChange): Promise<void> {
    switch (change.op) {
      case 'createGroup': {
        if (await findGroup(c, userId, change.name)) throw new GroupExistsError(change.name);
        const count = await countOf(
          c,
          'SELECT count(*) AS count FROM contact_groups WHERE user_id = $1',
          userId,
        );
        if (count >= this.limits.groups) {
          throw new ContactLimitError(`A contact list holds at most ${this.limits.groups} groups.`);
        }
        await insertGroup(c, userId, change.name);
        return;
      }
      case 'renameGroup': {
        const id = await groupId(c, userId, change.name);
        if (change.newName === change.name) return;
        if (await findGroup(c, userId, change.newName)) throw new GroupExistsError(change.newName);
        await c.query('UPDATE contact_groups SET name = $1 WHERE id = $2', [change.newName, id]);
        return;
      }
      case 'deleteGroup':
        await c.query('DELETE FROM contact_groups WHERE id = $1', [await groupId(c, userId, change.name)]);
        return;
      case 'addMember':
        await this.addMember(c, await groupId(c, userId, change.group), change.member);
        return;
      case 'removeMember':
        await deleteMember(c, await groupId(c, userId, change.group), change.userId);
        return;
      case 'moveMember': {
        const from = await groupId(c, userId, change.from);
        const to = await groupId(c, userId, change.to);
        const member = await findMember(c, from, change.userId);
        if (!member) {
          // Already where it was asked to go: a retried move succeeds without changing anything.
          if (await findMember(c, to, change.userId)) return;
          throw new MemberNotFoundError(change.userId, change.from);
        }
        if (from === to) return;
        await this.addMember(c, to, member);
        await deleteMember(c, from, change.userId);
        return;
      }
      case 'setNickname':
        await setNickname(c, userId, change.userId, change.nickname);
        return;
    }
  }

  private async addMember(c: pg.ClientBase, group: number, member: StoredMember): Promise<void> {
    if (await findMember(c, group, member.id)) return;
    const count = await countOf(
      c,
      'SELECT count(*) AS count FROM contact_members WHERE group_id = $1',
      group,
    );
    if (count >= this.limits.membersPerGroup) {
      throw new ContactLimitError(`A group holds at most ${this.limits.membersPerGroup} people.`);
    }
    await insertMember(c, group, member);
  }
}

async function readList(c: pg.ClientBase, userId: string): Promise<StoredGroup[] | null> {
  if (!(await rowOf(c, 'SELECT 1 FROM contact_lists WHERE user_id = $1', [userId]))) return null;
  const nicknameRows = await rowsOf<{ member_id: string; nickname: string }>(
    c,
    'SELECT member_id, nickname FROM contact_nicknames WHERE user_id = $1',
    [userId],
  );
  const nicknames = new Map(nicknameRows.map((row) => [row.member_id, row.nickname]));
  const rows = await rowsOf<ListedRow>(
    c,
    `SELECT g.id AS group_id, g.name AS group_name, m.user_id AS member_id, m.display_name
     FROM contact_groups g LEFT JOIN contact_members m ON m.group_id = g.id
     WHERE g.user_id = $1 ORDER BY g.position, g.id, m.position`,
    [userId],
  );
  const groups: StoredGroup[] = [];
  let current: number | undefined;
  for (const row of rows) {
    if (row.group_id !== current) {
      current = row.group_id;
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

async function countOf(c: pg.ClientBase, sql: string, key: string | number): Promise<number> {
  return (await rowOf<{ count: number }>(c, sql, [key]))!.count;
}

async function findGroup(c: pg.ClientBase, userId: string, name: string): Promise<number | undefined> {
  const row = await rowOf<{ id: number }>(
    c,
    'SELECT id FROM contact_groups WHERE user_id = $1 AND name = $2',
    [userId, name],
  );
  return row?.id;
}

async function groupId(c: pg.ClientBase, userId: string, name: string): Promise<number> {
  const id = await findGroup(c, userId, name);
  if (id === undefined) throw new GroupNotFoundError(name);
  return id;
}

async function insertGroup(c: pg.ClientBase, userId: string, name: string): Promise<number> {
  const row = await rowOf<{ id: number }>(
    c,
    `INSERT INTO contact_groups (user_id, name, position)
     VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM contact_groups WHERE user_id = $1))
     RETURNING id`,
    [userId, name],
  );
  return row!.id;
}

async function findMember(
  c: pg.ClientBase,
  group: number,
  userId: string,
): Promise<StoredMember | undefined> {
  const row = await rowOf<{ display_name: string }>(
    c,
    'SELECT display_name FROM contact_members WHERE group_id = $1 AND user_id = $2',
    [group, userId],
  );
  return row && { id: userId, displayName: row.display_name };
}

async function insertMember(c: pg.ClientBase, group: number, member: StoredMember): Promise<void> {
  await c.query(
    `INSERT INTO contact_members (group_id, user_id, display_name, position)
     VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM contact_members WHERE group_id = $1))`,
    [group, member.id, member.displayName],
  );
}

async function deleteMember(c: pg.ClientBase, group: number, userId: string): Promise<void> {
  await c.query('DELETE FROM contact_members WHERE group_id = $1 AND user_id = $2', [group, userId]);
}

async function setNickname(
  c: pg.ClientBase,
  userId: string,
  memberId: string,
  nickname: string | null,
): Promise<void> {
  if (!(await rowOf(c, `${CONTACTS_OF} AND m.user_id = $2 LIMIT 1`, [userId, memberId]))) {
    throw new ContactNotFoundError(memberId);
  }
  if (nickname === null) {
    await c.query('DELETE FROM contact_nicknames WHERE user_id = $1 AND member_id = $2', [userId, memberId]);
  } else {
    await c.query(
      `INSERT INTO contact_nicknames (user_id, member_id, nickname) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, member_id) DO UPDATE SET nickname = excluded.nickname`,
      [userId, memberId, nickname],
    );
  }
}
