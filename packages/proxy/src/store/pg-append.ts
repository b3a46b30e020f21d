/**
 * The group commit's write in PostgreSQL: a batch of messages in one transaction, with a handful
 * of statements whatever its size (a round trip per message would cost more than the commit).
 *
 * 1. Lock the batch's conversations (`SELECT ... FOR UPDATE`, in id order so two proxies' batches
 *    never deadlock) and read their participants.
 * 2. Find the client ids the senders already used there (the unique index
 *    `(conversation_id, sender, client_id)`): those sends answer the stored message. Under the
 *    lock no other proxy can store one meanwhile, so a retry on any proxy stores once.
 * 3. Allocate the seqs: `UPDATE conversations SET last_seq = last_seq + n ... RETURNING last_seq`,
 *    the new messages taking the n numbers below the returned one, in the order of the batch.
 * 4. Insert the messages, move their senders' receipts, and queue offline deliveries.
 */
import type pg from 'pg';
import {
  type ConversationRow,
  CURRENT_STATES,
  MESSAGE_COLUMNS,
  type MemberRow,
  type MessageRow,
  toConversation,
  toMessage,
} from './chat-rows.ts';
import type { AppendOutcome, IsLive, NewMessage, StoredMessage } from './chat-types.ts';
import { rowsOf } from './pg-database.ts';

interface Conversation {
  row: ConversationRow;
  members: MemberRow[];
  /** New messages of this batch, and the seq the first one takes (known after step 3). */
  fresh: number;
  firstSeq: number;
}

/** A send of the batch that is to be stored, before its seq is known. */
interface Pending {
  index: number;
  input: NewMessage;
  /** Its place among the conversation's new messages (0 for the first). */
  offset: number;
  offline: string[];
}

const key = (conversationId: string, sender: string, clientId: string) =>
  JSON.stringify([conversationId, sender, clientId]);

async function lockConversations(c: pg.ClientBase, ids: string[]): Promise<Map<string, Conversation>> {
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
  const found = new Map(
    rows.map((row) => [row.id, { row, members: [] as MemberRow[], fresh: 0, firstSeq: 0 }]),
  );
  for (const { conversation_id, ...member } of members) found.get(conversation_id)?.members.push(member);
  return found;
}

async function storedByClientId(
  c: pg.ClientBase,
  batch: readonly NewMessage[],
): Promise<Map<string, StoredMessage>> {
  const withIds = batch.filter((m) => m.clientId !== null);
  if (withIds.length === 0) return new Map();
  const rows = await rowsOf<MessageRow>(
    c,
    `SELECT ${MESSAGE_COLUMNS} FROM messages
     WHERE (conversation_id, sender, client_id) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))`,
    [withIds.map((m) => m.conversationId), withIds.map((m) => m.from.id), withIds.map((m) => m.clientId)],
  );
  return new Map(rows.map((row) => [key(row.conversation_id, row.sender, row.client_id!), toMessage(row)]));
}

export async function appendBatch(
  c: pg.ClientBase,
  batch: readonly NewMessage[],
  isLive: IsLive,
): Promise<AppendOutcome[]> {
  const conversations = await lockConversations(c, [...new Set(batch.map((m) => m.conversationId))].sort());
  const stored = await storedByClientId(c, batch);
  const outcomes: (AppendOutcome | undefined)[] = [];
  const pending: Pending[] = [];
  /** Client ids first used in this batch: a repeat answers that send's message. */
  const inBatch = new Map<string, Pending>();
  const repeats: { index: number; of: Pending }[] = [];
  for (const [index, input] of batch.entries()) {
    const conversation = conversations.get(input.conversationId);
    const sender = conversation?.members.find((m) => m.user_id === input.from.id);
    if (!conversation || !sender) {
      outcomes[index] = { kind: 'refused' };
      continue;
    }
    const clientKey =
      input.clientId === null ? undefined : key(input.conversationId, input.from.id, input.clientId);
    const earlier = clientKey === undefined ? undefined : stored.get(clientKey);
    if (earlier) {
      outcomes[index] = { kind: 'duplicate', message: earlier };
      continue;
    }
    const first = clientKey === undefined ? undefined : inBatch.get(clientKey);
    if (first) {
      repeats.push({ index, of: first });
      continue;
    }
    const offline = conversation.members
      .filter((m) => m !== sender && !isLive(m.user_id))
      .map((m) => m.user_id);
    const send = { index, input, offset: conversation.fresh++, offline };
    pending.push(send);
    if (clientKey !== undefined) inBatch.set(clientKey, send);
  }
  if (pending.length > 0) await store(c, conversations, pending);

  for (const send of pending) {
    const conversation = conversations.get(send.input.conversationId)!;
    const seq = conversation.firstSeq + send.offset;
    const { from, sentAt } = send.input;
    // The conversation as this message leaves it, for its events.
    const sender = conversation.members.find((m) => m.user_id === from.id)!;
    const after = { ...sender, state: 'joined' as const, delivered_seq: seq, read_seq: seq };
    conversation.row = { ...conversation.row, last_seq: seq, last_activity_at: sentAt };
    conversation.members = conversation.members.map((m) => (m === sender ? after : m));
    outcomes[send.index] = {
      kind: 'stored',
      message: { ...send.input, seq },
      conversation: toConversation(conversation.row, conversation.members),
      joined: sender.state === 'invited',
    };
  }
  for (const { index, of } of repeats) {
    const first = outcomes[of.index] as Extract<AppendOutcome, { kind: 'stored' }>;
    outcomes[index] = { kind: 'duplicate', message: first.message };
  }
  return outcomes as AppendOutcome[];
}

/** Steps 3 and 4: allocates the seqs and writes the messages, receipts and offline deliveries. */
async function store(
  c: pg.ClientBase,
  conversations: Map<string, Conversation>,
  pending: Pending[],
): Promise<void> {
  const touched = [...conversations.entries()].filter(([, conversation]) => conversation.fresh > 0);
  const lastAt = new Map<string, number>();
  for (const { input } of pending) lastAt.set(input.conversationId, input.sentAt);
  const allocated = await rowsOf<{ id: string; last_seq: number }>(
    c,
    `UPDATE conversations c SET last_seq = c.last_seq + v.n, last_activity_at = v.at
     FROM unnest($1::text[], $2::int[], $3::bigint[]) AS v (id, n, at) WHERE c.id = v.id
     RETURNING c.id, c.last_seq`,
    [touched.map(([id]) => id), touched.map(([, conv]) => conv.fresh), touched.map(([id]) => lastAt.get(id))],
  );
  for (const { id, last_seq } of allocated) {
    const conversation = conversations.get(id)!;
    conversation.firstSeq = last_seq - conversation.fresh + 1;
  }
  const seqOf = (send: Pending) => conversations.get(send.input.conversationId)!.firstSeq + send.offset;
  await c.query(
    `INSERT INTO messages (conversation_id, seq, sender, sender_name, client_id, body, sent_at)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])`,
    [
      pending.map((p) => p.input.conversationId),
      pending.map(seqOf),
      pending.map((p) => p.input.from.id),
      pending.map((p) => p.input.from.displayName),
      pending.map((p) => p.input.clientId),
      pending.map((p) => (p.input.archived ? '' : p.input.text)),
      pending.map((p) => p.input.sentAt),
    ],
  );
  // Posting accepts an invitation (from the first post's time), and whoever writes has seen the
  // conversation up to their last message.
  const posted = new Map<
    string,
    { conversationId: string; userId: string; seq: number; joinedAt: number | null }
  >();
  for (const send of pending) {
    const { conversationId, from, sentAt } = send.input;
    const postKey = JSON.stringify([conversationId, from.id]);
    const previous = posted.get(postKey);
    const member = conversations.get(conversationId)!.members.find((m) => m.user_id === from.id)!;
    const joinedAt = previous ? previous.joinedAt : member.state === 'joined' ? null : sentAt;
    posted.set(postKey, { conversationId, userId: from.id, seq: seqOf(send), joinedAt });
  }
  const posts = [...posted.values()];
  await c.query(
    `UPDATE conversation_members m SET delivered_seq = v.seq, read_seq = v.seq, state = 'joined',
       changed_at = coalesce(v.joined_at, m.changed_at)
     FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[]) AS v (conversation_id, user_id, seq, joined_at)
     WHERE m.conversation_id = v.conversation_id AND m.user_id = v.user_id`,
    [
      posts.map((p) => p.conversationId),
      posts.map((p) => p.userId),
      posts.map((p) => p.seq),
      posts.map((p) => p.joinedAt),
    ],
  );
  const offline = pending.flatMap((send) => send.offline.map((userId) => ({ userId, send })));
  if (offline.length === 0) return;
  await c.query(
    `INSERT INTO offline_deliveries (user_id, kind, ref, seq)
     SELECT u, 'message', ref, seq FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS t (u, ref, seq, n)
     ORDER BY n`,
    [
      offline.map((o) => o.userId),
      offline.map((o) => o.send.input.conversationId),
      offline.map((o) => seqOf(o.send)),
    ],
  );
}
