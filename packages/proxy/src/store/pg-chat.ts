/**
 * The chat store on PostgreSQL: each method that writes is one transaction on one client, durable
 * once its promise resolves; what reads one statement runs on the pool, and what reads several
 * runs in a transaction so it sees one snapshot. Events about a change leave the proxy only after
 * the promise resolves, that is after COMMIT.
 *
 * `appendMessages` is the group commit: the batch is one transaction (one commit, one fsync on the
 * server). If that transaction fails, each message is tried again in a transaction of its own, so
 * one bad message fails alone and the others are stored, as SQLite's savepoints give.
 */
import {
  AppendFailure,
  type AppendOutcome,
  type ChatStore,
  type ConversationListing,
  type HistoryPage,
  type IsLive,
  type ListCursor,
  type MessageRef,
  type NewConversation,
  type NewMessage,
  type OfflineItem,
  type ReceiptPositions,
  type StoredAnnouncement,
  type StoredConversation,
} from './chat-types.ts';
import { appendBatch } from './pg-append.ts';
import { createConversation, getConversation, invite, setState, setTopic } from './pg-conversations.ts';
import type { PgDatabase } from './pg-database.ts';
import { conversationsOf, history, listing, markReceipts } from './pg-messages.ts';
import { announcementFor, announcementsOf, createAnnouncement, takeOffline } from './pg-offline.ts';

/** Batches of messages written at once: a few, so the pool keeps connections for everything else. */
const CONCURRENT_WRITES = 3;

export class PgChat implements ChatStore {
  readonly concurrentWrites = CONCURRENT_WRITES;

  constructor(private readonly db: PgDatabase) {}

  conversation(id: string): Promise<StoredConversation | null> {
    return this.db.transaction((c) => getConversation(c, id));
  }

  createConversation(
    input: NewConversation,
    isLive: IsLive,
  ): Promise<{ conversation: StoredConversation; created: boolean }> {
    return this.db.transaction((c) => createConversation(c, input, isLive));
  }

  invite(
    id: string,
    by: { id: string; displayName: string },
    people: { id: string; displayName: string }[],
    options: { now: number; maxParticipants: number; isLive: IsLive },
  ) {
    return this.db.transaction((c) => invite(c, id, by, people, options));
  }

  setParticipantState(id: string, userId: string, state: 'joined' | 'left' | 'declined', now: number) {
    return this.db.transaction((c) => setState(c, id, userId, state, now));
  }

  setTopic(id: string, topic: string | null, now: number): Promise<StoredConversation> {
    return this.db.transaction((c) => setTopic(c, id, topic, now));
  }

  async appendMessages(batch: readonly NewMessage[], isLive: IsLive): Promise<AppendOutcome[]> {
    try {
      return await this.db.transaction((c) => appendBatch(c, batch, isLive));
    } catch (error) {
      if (batch.length === 1) return [failed(error)];
    }
    const outcomes: AppendOutcome[] = [];
    for (const input of batch) {
      try {
        outcomes.push(...(await this.db.transaction((c) => appendBatch(c, [input], isLive))));
      } catch (error) {
        outcomes.push(failed(error));
      }
    }
    return outcomes;
  }

  async forgetBodies(refs: readonly MessageRef[]): Promise<void> {
    if (refs.length === 0) return;
    await this.db.transaction((c) =>
      c.query(
        `UPDATE messages SET body = '' FROM unnest($1::text[], $2::int[]) AS v (conversation_id, seq)
         WHERE messages.conversation_id = v.conversation_id AND messages.seq = v.seq`,
        [refs.map((r) => r.conversationId), refs.map((r) => r.seq)],
      ),
    );
  }

  history(
    id: string,
    visibleFrom: number,
    page: { before?: number | undefined; after?: number | undefined; limit: number },
  ): Promise<HistoryPage> {
    return history(this.db.pool, id, visibleFrom, page);
  }

  conversationsOf(
    userId: string,
    limit: number,
    before?: ListCursor,
  ): Promise<{ listings: ConversationListing[]; next: ListCursor | null }> {
    return this.db.transaction((c) => conversationsOf(c, userId, limit, before));
  }

  listing(conversation: StoredConversation, userId: string): Promise<ConversationListing> {
    return this.db.transaction((c) => listing(c, conversation, userId));
  }

  markReceipts(
    id: string,
    userId: string,
    receipts: { delivered?: number; read?: number },
  ): Promise<ReceiptPositions | null> {
    return this.db.transaction((c) => markReceipts(c, id, userId, receipts));
  }

  takeOffline(userId: string, max: number): Promise<OfflineItem[]> {
    return this.db.transaction((c) => takeOffline(c, userId, max));
  }

  createAnnouncement(
    announcement: StoredAnnouncement,
    recipients: readonly string[],
    isLive: IsLive,
  ): Promise<void> {
    return this.db.transaction((c) => createAnnouncement(c, announcement, recipients, isLive));
  }

  announcementsOf(userId: string, limit: number): Promise<StoredAnnouncement[]> {
    return announcementsOf(this.db.pool, userId, limit);
  }

  announcementFor(userId: string, id: string): Promise<StoredAnnouncement | null> {
    return announcementFor(this.db.pool, userId, id);
  }
}

function failed(error: unknown): AppendOutcome {
  return { kind: 'failed', error: new AppendFailure('the message could not be stored', { cause: error }) };
}
