/**
 * Messages, receipts and a person's list of conversations in SQLite. Synchronous, like
 * better-sqlite3; SqliteChat wraps each call in a transaction and a promise.
 */
import type { Database, Statement } from 'better-sqlite3';
import {
  type ConversationRow,
  CURRENT_STATES,
  isCurrent,
  MESSAGE_COLUMNS,
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
  MessageRef,
  NewMessage,
  ReceiptPositions,
  StoredConversation,
  StoredMessage,
} from './chat-types.ts';
import type { SqliteConversations } from './sqlite-conversations.ts';

/**
 * A 1:1 that the other person opened but nobody wrote in yet is not listed: it appears with its
 * first message, as a chat window only opens for the peer when something is said.
 */
const SHOWN = "NOT (c.kind = 'im' AND c.last_seq = 0 AND c.created_by <> m.user_id)";

export class SqliteMessages {
  private readonly s: Record<
    | 'byClientId'
    | 'insert'
    | 'forgetBody'
    | 'bump'
    | 'posted'
    | 'receipts'
    | 'message'
    | 'before'
    | 'after'
    | 'unread'
    | 'mine'
    | 'mineBefore',
    Statement
  >;

  constructor(
    db: Database,
    private readonly conversations: SqliteConversations,
  ) {
    this.s = {
      byClientId: db.prepare(
        `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND sender = ? AND client_id = ?`,
      ),
      insert: db.prepare(`INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      forgetBody: db.prepare("UPDATE messages SET body = '' WHERE conversation_id = ? AND seq = ?"),
      bump: db.prepare('UPDATE conversations SET last_seq = ?, last_activity_at = ? WHERE id = ?'),
      posted: db.prepare(`
        UPDATE conversation_members SET delivered_seq = ?, read_seq = ?, state = 'joined',
          changed_at = CASE state WHEN 'joined' THEN changed_at ELSE ? END
        WHERE conversation_id = ? AND user_id = ?`),
      receipts: db.prepare(`
        UPDATE conversation_members SET delivered_seq = max(delivered_seq, ?), read_seq = max(read_seq, ?)
        WHERE conversation_id = ? AND user_id = ?`),
      message: db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq = ?`),
      before: db.prepare(`
        SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq > ? AND seq < ?
        ORDER BY seq DESC LIMIT ?`),
      after: db.prepare(`
        SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq > ?
        ORDER BY seq LIMIT ?`),
      unread: db.prepare(
        'SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND seq > ? AND sender <> ?',
      ),
      mine: db.prepare(`
        SELECT c.* FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.user_id = ? AND m.state IN ${CURRENT_STATES} AND ${SHOWN}
        ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?`),
      mineBefore: db.prepare(`
        SELECT c.* FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.user_id = ? AND m.state IN ${CURRENT_STATES} AND ${SHOWN} AND (c.last_activity_at, c.id) < (?, ?)
        ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?`),
    };
  }

  /**
   * Stores one message (inside the caller's transaction). Reads the conversation and its
   * participants once and builds the state after the message from them, as this is the hot path.
   */
  append(input: NewMessage, isLive: IsLive): AppendOutcome {
    const { conversationId: id, from } = input;
    const row = this.conversations.row(id);
    const members = row ? this.conversations.currentMemberRows(id) : [];
    const sender = members.find((m) => m.user_id === from.id);
    if (!row || !sender) return { kind: 'refused' };
    if (input.clientId !== null) {
      const stored = this.s.byClientId.get(id, from.id, input.clientId) as MessageRow | undefined;
      if (stored) return { kind: 'duplicate', message: toMessage(stored) };
    }
    const seq = row.last_seq + 1;
    this.s.insert.run(
      id,
      seq,
      from.id,
      from.displayName,
      input.clientId,
      input.archived ? '' : input.text,
      input.sentAt,
    );
    this.s.bump.run(seq, input.sentAt, id);
    // Posting accepts an invitation, and whoever writes has seen the conversation up to it.
    this.s.posted.run(seq, seq, input.sentAt, id, from.id);
    for (const member of members) {
      if (member !== sender && !isLive(member.user_id)) {
        this.conversations.queueOffline(member.user_id, 'message', id, seq);
      }
    }
    const after = { ...sender, state: 'joined' as const, delivered_seq: seq, read_seq: seq };
    const conversation = toConversation(
      { ...row, last_seq: seq, last_activity_at: input.sentAt },
      members.map((m) => (m === sender ? after : m)),
    );
    const message: StoredMessage = { ...input, seq };
    return { kind: 'stored', message, conversation, joined: sender.state === 'invited' };
  }

  forgetBodies(refs: readonly MessageRef[]): void {
    for (const ref of refs) this.s.forgetBody.run(ref.conversationId, ref.seq);
  }

  message(id: string, seq: number): StoredMessage | null {
    const row = this.s.message.get(id, seq) as MessageRow | undefined;
    return row ? toMessage(row) : null;
  }

  history(
    id: string,
    visibleFrom: number,
    page: { before?: number | undefined; after?: number | undefined; limit: number },
  ): HistoryPage {
    if (page.after !== undefined) {
      const rows = this.s.after.all(id, Math.max(page.after, visibleFrom), page.limit + 1) as MessageRow[];
      return { messages: rows.slice(0, page.limit).map(toMessage), hasMore: rows.length > page.limit };
    }
    const before = page.before ?? Number.MAX_SAFE_INTEGER;
    const rows = this.s.before.all(id, visibleFrom, before, page.limit + 1) as MessageRow[];
    return {
      messages: rows.slice(0, page.limit).reverse().map(toMessage),
      hasMore: rows.length > page.limit,
    };
  }

  markReceipts(
    id: string,
    userId: string,
    receipts: { delivered?: number; read?: number },
  ): ReceiptPositions | null {
    const row = this.conversations.row(id);
    const member = this.conversations.memberRow(id, userId);
    if (!row || !isCurrent(member)) return null;
    const read = Math.min(receipts.read ?? 0, row.last_seq);
    const delivered = Math.max(Math.min(receipts.delivered ?? 0, row.last_seq), read);
    const deliveredSeq = Math.max(member.delivered_seq, delivered);
    const readSeq = Math.max(member.read_seq, read);
    const changed = deliveredSeq !== member.delivered_seq || readSeq !== member.read_seq;
    if (changed) this.s.receipts.run(deliveredSeq, readSeq, id, userId);
    return { deliveredSeq, readSeq, changed };
  }

  listing(conversation: StoredConversation, userId: string): ConversationListing {
    const me = conversation.participants.find((p) => p.id === userId);
    const visibleFrom = me?.visibleFrom ?? conversation.lastSeq;
    const from = Math.max(visibleFrom, me?.readSeq ?? 0);
    const unread = (this.s.unread.get(conversation.id, from, userId) as { n: number }).n;
    const lastMessage =
      conversation.lastSeq > visibleFrom ? this.message(conversation.id, conversation.lastSeq) : null;
    return { conversation, unread, lastMessage };
  }

  conversationsOf(
    userId: string,
    limit: number,
    before?: ListCursor,
  ): { listings: ConversationListing[]; next: ListCursor | null } {
    const rows = (
      before
        ? this.s.mineBefore.all(userId, before.activityAt, before.id, limit + 1)
        : this.s.mine.all(userId, limit + 1)
    ) as ConversationRow[];
    const page = rows.slice(0, limit);
    const listings = page.map((row) => this.listing(this.conversations.get(row.id)!, userId));
    const last = page.at(-1);
    const next = rows.length > limit && last ? { activityAt: last.last_activity_at, id: last.id } : null;
    return { listings, next };
  }
}
