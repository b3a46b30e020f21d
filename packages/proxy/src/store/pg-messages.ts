/**
 * Messages, receipts and a person's list of conversations in PostgreSQL (storing messages is
 * pg-append.ts).
 */
import type pg from 'pg';
import {
  type ConversationRow,
  CURRENT_STATES,
  isCurrent,
  MESSAGE_COLUMNS,
  type MessageRow,
  toMessage,
} from './chat-rows.ts';
import type {
  ConversationListing,
  HistoryPage,
  ListCursor,
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
