/**
 * Messages, receipts and a person's list of conversations in PostgreSQL.
 *
 * `appendBatch` is the group commit's write: one transaction for the batch. It first locks the
 * rows of the batch's conversations, in id order (so two proxies' batches never deadlock), then
 * stores each message with one statement that allocates its seq (`UPDATE ... RETURNING` on the
 * conversation row), inserts it, marks the sender's receipts and queues the offline deliveries;
 * a client id the sender already used in the conversation answers the stored message instead.
 * The lock makes that check exact across proxies, and the unique index stands behind it.
 */
import type pg from 'pg';
import {
  type ConversationRow,
  CURRENT_STATES,
  isCurrent,
  MESSAGE_COLUMNS,
  type MemberRow,
  type MessageRow,
  toConversation,
  toMessage,
} from './chat-rows.ts';
import type {
  AppendOutcome,
  ConversationListing,
  HistoryPage,
  IsLive,
  ListCursor,
  NewMessage,
  ReceiptPositions,
  StoredConversation,
  StoredMessage,
} from './chat-types.ts';
import { conversationRow, getConversation, memberRow } from './pg-conversations.ts';
import { type Queryable, rowOf, rowsOf } from './pg-database.ts';

/** The largest seq an INTEGER column holds: cursors past it are clamped (nothing lies beyond). */
const MAX_SEQ = 2 ** 31 - 1;

/** As in SQLite: a 1:1 the other person opened but nobody wrote in yet is not listed. */
const SHOWN = "NOT (c.kind = 'im' AND c.last_seq = 0 AND c.created_by <> m.user_id)";

const APPEND = `
  WITH duplicate AS (
    SELECT seq FROM messages WHERE conversation_id = $1 AND sender = $2 AND client_id = $4
  ), bumped AS (
    UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = $6
    WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM duplicate) RETURNING last_seq
  ), stored AS (
    INSERT INTO messages (conversation_id, seq, sender, sender_name, client_id, body, sent_at)
    SELECT $1, last_seq, $2, $3, $4, $5, $6 FROM bumped RETURNING seq
  ), posted AS (
    UPDATE conversation_members SET delivered_seq = stored.seq, read_seq = stored.seq, state = 'joined',
      changed_at = CASE state WHEN 'joined' THEN changed_at ELSE $6 END
    FROM stored WHERE conversation_id = $1 AND user_id = $2
  ), queued AS (
    INSERT INTO offline_deliveries (user_id, kind, ref, seq)
    SELECT u, 'message', $1, stored.seq FROM stored, unnest($7::text[]) WITH ORDINALITY AS t (u, n) ORDER BY n
  )
  SELECT (SELECT seq FROM stored) AS seq, (SELECT seq FROM duplicate) AS duplicate`;

interface Cached {
  row: ConversationRow;
  members: MemberRow[];
}

export async function appendBatch(
  c: pg.ClientBase,
  batch: readonly NewMessage[],
  isLive: IsLive,
): Promise<AppendOutcome[]> {
  const ids = [...new Set(batch.map((m) => m.conversationId))].sort();
  const rows = await rowsOf<ConversationRow>(
    c,
    'SELECT * FROM conversations WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
    [ids],
  );
  const members = await rowsOf<MemberRow & { conversation_id: string }>(
    c,
    `SELECT conversation_id, user_id, display_name, state, visible_from, delivered_seq, read_seq
     FROM conversation_members WHERE conversation_id = ANY($1::text[]) AND state IN ${CURRENT_STATES}
     ORDER BY conversation_id, position`,
    [ids],
  );
  const cache = new Map<string, Cached>(rows.map((row) => [row.id, { row, members: [] }]));
  for (const { conversation_id, ...member } of members) cache.get(conversation_id)?.members.push(member);
  const outcomes: AppendOutcome[] = [];
  for (const input of batch)
    outcomes.push(await appendOne(c, input, isLive, cache.get(input.conversationId)));
  return outcomes;
}

async function appendOne(
  c: pg.ClientBase,
  input: NewMessage,
  isLive: IsLive,
  cached: Cached | undefined,
): Promise<AppendOutcome> {
  const { conversationId: id, from } = input;
  const sender = cached?.members.find((m) => m.user_id === from.id);
  if (!cached || !sender) return { kind: 'refused' };
  const offline = cached.members.filter((m) => m !== sender && !isLive(m.user_id)).map((m) => m.user_id);
  const result = await rowOf<{ seq: number | null; duplicate: number | null }>(c, APPEND, [
    id,
    from.id,
    from.displayName,
    input.clientId,
    input.text,
    input.sentAt,
    offline,
  ]);
  if (result?.duplicate != null) {
    const stored = await message(c, id, result.duplicate);
    return { kind: 'duplicate', message: stored! };
  }
  const seq = result!.seq!;
  // The state after the message, built from what the batch read (this is the hot path).
  const after = { ...sender, state: 'joined' as const, delivered_seq: seq, read_seq: seq };
  cached.row = { ...cached.row, last_seq: seq, last_activity_at: input.sentAt };
  cached.members = cached.members.map((m) => (m === sender ? after : m));
  const stored: StoredMessage = { ...input, seq };
  return {
    kind: 'stored',
    message: stored,
    conversation: toConversation(cached.row, cached.members),
    joined: sender.state === 'invited',
  };
}

export async function message(db: Queryable, id: string, seq: number): Promise<StoredMessage | null> {
  const row = await rowOf<MessageRow>(
    db,
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq = $2`,
    [id, seq],
  );
  return row ? toMessage(row) : null;
}

export async function history(
  db: Queryable,
  id: string,
  visibleFrom: number,
  page: { before?: number | undefined; after?: number | undefined; limit: number },
): Promise<HistoryPage> {
  if (page.after !== undefined) {
    const rows = await rowsOf<MessageRow>(
      db,
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [id, Math.min(Math.max(page.after, visibleFrom), MAX_SEQ), page.limit + 1],
    );
    return { messages: rows.slice(0, page.limit).map(toMessage), hasMore: rows.length > page.limit };
  }
  const before = Math.min(page.before ?? MAX_SEQ, MAX_SEQ);
  const rows = await rowsOf<MessageRow>(
    db,
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq > $2 AND seq < $3
     ORDER BY seq DESC LIMIT $4`,
    [id, visibleFrom, before, page.limit + 1],
  );
  return { messages: rows.slice(0, page.limit).reverse().map(toMessage), hasMore: rows.length > page.limit };
}

export async function markReceipts(
  c: pg.ClientBase,
  id: string,
  userId: string,
  receipts: { delivered?: number; read?: number },
): Promise<ReceiptPositions | null> {
  const member = await memberRow(c, id, userId, true);
  const row = await conversationRow(c, id);
  if (!row || !isCurrent(member)) return null;
  const read = Math.min(receipts.read ?? 0, row.last_seq);
  const delivered = Math.max(Math.min(receipts.delivered ?? 0, row.last_seq), read);
  const deliveredSeq = Math.max(member.delivered_seq, delivered);
  const readSeq = Math.max(member.read_seq, read);
  const changed = deliveredSeq !== member.delivered_seq || readSeq !== member.read_seq;
  if (changed) {
    await c.query(
      'UPDATE conversation_members SET delivered_seq = $1, read_seq = $2 WHERE conversation_id = $3 AND user_id = $4',
      [deliveredSeq, readSeq, id, userId],
    );
  }
  return { deliveredSeq, readSeq, changed };
}

export async function listing(
  db: Queryable,
  conversation: StoredConversation,
  userId: string,
): Promise<ConversationListing> {
  const me = conversation.participants.find((p) => p.id === userId);
  const visibleFrom = me?.visibleFrom ?? conversation.lastSeq;
  const from = Math.max(visibleFrom, me?.readSeq ?? 0);
  const { n: unread } = (await rowOf<{ n: number }>(
    db,
    'SELECT count(*) AS n FROM messages WHERE conversation_id = $1 AND seq > $2 AND sender <> $3',
    [conversation.id, from, userId],
  ))!;
  const lastMessage =
    conversation.lastSeq > visibleFrom ? await message(db, conversation.id, conversation.lastSeq) : null;
  return { conversation, unread, lastMessage };
}

export async function conversationsOf(
  db: Queryable,
  userId: string,
  limit: number,
  before?: ListCursor,
): Promise<{ listings: ConversationListing[]; next: ListCursor | null }> {
  const mine = `
    SELECT c.* FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
    WHERE m.user_id = $1 AND m.state IN ${CURRENT_STATES} AND ${SHOWN}`;
  const rows = before
    ? await rowsOf<ConversationRow>(
        db,
        `${mine} AND (c.last_activity_at, c.id) < ($2, $3)
         ORDER BY c.last_activity_at DESC, c.id DESC LIMIT $4`,
        [userId, before.activityAt, before.id, limit + 1],
      )
    : await rowsOf<ConversationRow>(db, `${mine} ORDER BY c.last_activity_at DESC, c.id DESC LIMIT $2`, [
        userId,
        limit + 1,
      ]);
  const page = rows.slice(0, limit);
  const listings: ConversationListing[] = [];
  for (const row of page) listings.push(await listing(db, (await getConversation(db, row.id))!, userId));
  const last = page.at(-1);
  const next = rows.length > limit && last ? { activityAt: last.last_activity_at, id: last.id } : null;
  return { listings, next };
}
