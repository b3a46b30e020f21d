/**
 * Conversations and their participants in PostgreSQL: statements run on the client of the
 * caller's transaction (PgChat). What changes a conversation's participants locks its row first,
 * so invitations, joins and posts from several proxies apply one after the other.
 */
import type { ParticipantState, UserSummary } from '@st/protocol';
import type pg from 'pg';
import {
  type ConversationRow,
  CURRENT_STATES,
  isCurrent,
  MEMBER_COLUMNS,
  type MemberRow,
  toConversation,
} from './chat-rows.ts';
import {
  ConversationFullError,
  type IsLive,
  type NewConversation,
  NotParticipantError,
  type StoredConversation,
} from './chat-types.ts';
import { type Queryable, rowOf, rowsOf } from './pg-database.ts';

type OfflineKind = 'message' | 'invitation' | 'announcement';

export function conversationRow(
  db: Queryable,
  id: string,
  lock = false,
): Promise<ConversationRow | undefined> {
  return rowOf<ConversationRow>(db, `SELECT * FROM conversations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
}

/** The current participants (invited or joined), in the order they were added. */
export function currentMemberRows(db: Queryable, id: string): Promise<MemberRow[]> {
  return rowsOf<MemberRow>(
    db,
    `SELECT ${MEMBER_COLUMNS} FROM conversation_members
     WHERE conversation_id = $1 AND state IN ${CURRENT_STATES} ORDER BY position`,
    [id],
  );
}

export function memberRow(
  db: Queryable,
  id: string,
  userId: string,
  lock = false,
): Promise<MemberRow | undefined> {
  return rowOf<MemberRow>(
    db,
    `SELECT ${MEMBER_COLUMNS} FROM conversation_members WHERE conversation_id = $1 AND user_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [id, userId],
  );
}

export async function getConversation(db: Queryable, id: string): Promise<StoredConversation | null> {
  const row = await conversationRow(db, id);
  return row ? toConversation(row, await currentMemberRows(db, id)) : null;
}

/** Queues offline deliveries of one kind for several people, in one statement. */
export async function queueOffline(
  c: pg.ClientBase,
  userIds: readonly string[],
  kind: OfflineKind,
  ref: string,
  seq = 0,
  actor: string | null = null,
): Promise<void> {
  if (userIds.length === 0) return;
  await c.query(
    `INSERT INTO offline_deliveries (user_id, kind, ref, seq, actor)
     SELECT u, $2, $3, $4, $5 FROM unnest($1::text[]) WITH ORDINALITY AS t (u, n) ORDER BY n`,
    [userIds, kind, ref, seq, actor],
  );
}

export async function createConversation(
  c: pg.ClientBase,
  input: NewConversation,
  isLive: IsLive,
): Promise<{ conversation: StoredConversation; created: boolean }> {
  const { id, now } = input;
  // A 1:1 opened by both people at once on two proxies: the second waits, then finds it.
  const inserted = await rowOf(
    c,
    `INSERT INTO conversations (id, kind, topic, created_by, created_by_name, created_at, upgraded_from,
       last_seq, last_activity_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [id, input.kind, input.topic, input.creator.id, input.creator.displayName, now, input.upgradedFrom],
  );
  if (!inserted) return { conversation: (await getConversation(c, id))!, created: false };
  const othersState: ParticipantState = input.kind === 'im' ? 'joined' : 'invited';
  await addMembers(c, id, [input.creator], 'joined', 1, 0, now);
  await addMembers(c, id, input.others, othersState, 2, 0, now);
  if (othersState === 'invited') {
    const offline = input.others.filter((p) => !isLive(p.id)).map((p) => p.id);
    await queueOffline(c, offline, 'invitation', id, 0, input.creator.id);
  }
  return { conversation: (await getConversation(c, id))!, created: true };
}

export async function invite(
  c: pg.ClientBase,
  id: string,
  by: UserSummary,
  people: UserSummary[],
  options: { now: number; maxParticipants: number; isLive: IsLive },
): Promise<{ conversation: StoredConversation; invited: UserSummary[] }> {
  const row = await conversationRow(c, id, true);
  if (!row || !isCurrent(await memberRow(c, id, by.id))) throw new NotParticipantError();
  const current = new Set((await currentMemberRows(c, id)).map((m) => m.user_id));
  const fresh = people.filter((p) => !current.has(p.id));
  if (current.size + fresh.length > options.maxParticipants) {
    throw new ConversationFullError(
      `A conversation may have at most ${options.maxParticipants} participants; it has ${current.size}.`,
    );
  }
  const next = (await rowOf<{ next: number }>(
    c,
    'SELECT coalesce(max(position), 0) + 1 AS next FROM conversation_members WHERE conversation_id = $1',
    [id],
  ))!.next;
  await addMembers(c, id, fresh, 'invited', next, row.last_seq, options.now);
  const offline = fresh.filter((p) => !options.isLive(p.id)).map((p) => p.id);
  await queueOffline(c, offline, 'invitation', id, 0, by.id);
  return { conversation: (await getConversation(c, id))!, invited: fresh };
}

export async function setState(
  c: pg.ClientBase,
  id: string,
  userId: string,
  state: 'joined' | 'left' | 'declined',
  now: number,
): Promise<{ conversation: StoredConversation; previous: ParticipantState } | null> {
  const member = await memberRow(c, id, userId, true);
  if (!isCurrent(member)) return null;
  if (member.state !== state) {
    await c.query(
      'UPDATE conversation_members SET state = $1, changed_at = $2 WHERE conversation_id = $3 AND user_id = $4',
      [state, now, id, userId],
    );
  }
  return { conversation: (await getConversation(c, id))!, previous: member.state };
}

export async function setTopic(
  c: pg.ClientBase,
  id: string,
  topic: string | null,
  now: number,
): Promise<StoredConversation> {
  await c.query('UPDATE conversations SET topic = $1, last_activity_at = $2 WHERE id = $3', [topic, now, id]);
  return (await getConversation(c, id))!;
}

/** Adds (or re-adds: someone who left starts their view of the history afresh) people in order. */
async function addMembers(
  c: pg.ClientBase,
  conversationId: string,
  people: readonly UserSummary[],
  state: ParticipantState,
  firstPosition: number,
  visibleFrom: number,
  now: number,
): Promise<void> {
  if (people.length === 0) return;
  // One row per person (the last mention wins, as one upsert after another would have it).
  const byId = new Map(people.map((p, i) => [p.id, { name: p.displayName, position: firstPosition + i }]));
  await c.query(
    `INSERT INTO conversation_members (conversation_id, user_id, display_name, state, position,
       visible_from, delivered_seq, read_seq, changed_at)
     SELECT $1, u, name, $5, position, $6, $6, $6, $7
     FROM unnest($2::text[], $3::text[], $4::int[]) AS t (u, name, position)
     ON CONFLICT (conversation_id, user_id) DO UPDATE SET display_name = excluded.display_name,
       state = excluded.state, position = excluded.position, visible_from = excluded.visible_from,
       delivered_seq = excluded.delivered_seq, read_seq = excluded.read_seq, changed_at = excluded.changed_at`,
    [
      conversationId,
      [...byId.keys()],
      [...byId.values()].map((v) => v.name),
      [...byId.values()].map((v) => v.position),
      state,
      visibleFrom,
      now,
    ],
  );
}
