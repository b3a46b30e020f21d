/**
 * The chat store on the embedded SQLite database: each method is one transaction (an immediate
 * one when it writes), so what it answers is durable (WAL, synchronous=FULL) and consistent.
 *
 * `appendMessages` is the group commit: a batch of messages is one transaction and one fsync, and
 * each message is a savepoint of its own inside it, so one that fails leaves the others stored.
 */
import type { Database } from 'better-sqlite3';
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
import { SqliteConversations } from './sqlite-conversations.ts';
import { SqliteMessages } from './sqlite-messages.ts';
import { SqliteOffline } from './sqlite-offline.ts';

export class SqliteChat implements ChatStore {
  private readonly conversations: SqliteConversations;
  private readonly messages: SqliteMessages;
  private readonly offline: SqliteOffline;

  /** One message, nested in the batch's transaction: a savepoint, so a failure undoes it alone. */
  private readonly appendOne;
  private readonly appendBatch;

  constructor(private readonly db: Database) {
    this.conversations = new SqliteConversations(db);
    this.messages = new SqliteMessages(db, this.conversations);
    this.offline = new SqliteOffline(db, this.conversations, this.messages);
    this.appendOne = db.transaction((input: NewMessage, isLive: IsLive) =>
      this.messages.append(input, isLive),
    );
    this.appendBatch = db.transaction((batch: readonly NewMessage[], isLive: IsLive) =>
      batch.map((input): AppendOutcome => {
        try {
          return this.appendOne(input, isLive);
        } catch (error) {
          return {
            kind: 'failed',
            error: new AppendFailure('the message could not be stored', { cause: error }),
          };
        }
      }),
    );
  }

  /** Runs `work` in an immediate (writing) transaction. */
  private write<T>(work: () => T): Promise<T> {
    return new Promise((resolve) => resolve(this.db.transaction(work).immediate()));
  }

  /** Runs `work` in a deferred (reading) transaction, so it sees one snapshot. */
  private read<T>(work: () => T): Promise<T> {
    return new Promise((resolve) => resolve(this.db.transaction(work).deferred()));
  }

  conversation(id: string): Promise<StoredConversation | null> {
    return this.read(() => this.conversations.get(id));
  }

  createConversation(
    input: NewConversation,
    isLive: IsLive,
  ): Promise<{ conversation: StoredConversation; created: boolean }> {
    return this.write(() => this.conversations.create(input, isLive));
  }

  invite(
    id: string,
    by: { id: string; displayName: string },
    people: { id: string; displayName: string }[],
    options: { now: number; maxParticipants: number; isLive: IsLive },
  ) {
    return this.write(() => this.conversations.invite(id, by, people, options));
  }

  setParticipantState(id: string, userId: string, state: 'joined' | 'left' | 'declined', now: number) {
    return this.write(() => this.conversations.setState(id, userId, state, now));
  }

  setTopic(id: string, topic: string | null, now: number): Promise<StoredConversation> {
    return this.write(() => this.conversations.setTopic(id, topic, now));
  }

  appendMessages(batch: readonly NewMessage[], isLive: IsLive): Promise<AppendOutcome[]> {
    return new Promise((resolve) => resolve(this.appendBatch.immediate(batch, isLive)));
  }

  forgetBodies(refs: readonly MessageRef[]): Promise<void> {
    return this.write(() => this.messages.forgetBodies(refs));
  }

  history(
    id: string,
    visibleFrom: number,
    page: { before?: number | undefined; after?: number | undefined; limit: number },
  ): Promise<HistoryPage> {
    return this.read(() => this.messages.history(id, visibleFrom, page));
  }

  conversationsOf(
    userId: string,
    limit: number,
    before?: ListCursor,
  ): Promise<{ listings: ConversationListing[]; next: ListCursor | null }> {
    return this.read(() => this.messages.conversationsOf(userId, limit, before));
  }

  listing(conversation: StoredConversation, userId: string): Promise<ConversationListing> {
    return this.read(() => this.messages.listing(conversation, userId));
  }

  markReceipts(
    id: string,
    userId: string,
    receipts: { delivered?: number; read?: number },
  ): Promise<ReceiptPositions | null> {
    return this.write(() => this.messages.markReceipts(id, userId, receipts));
  }

  takeOffline(userId: string, max: number): Promise<OfflineItem[]> {
    return this.write(() => this.offline.take(userId, max));
  }

  createAnnouncement(
    announcement: StoredAnnouncement,
    recipients: readonly string[],
    isLive: IsLive,
  ): Promise<void> {
    return this.write(() => this.offline.createAnnouncement(announcement, recipients, isLive));
  }

  announcementsOf(userId: string, limit: number): Promise<StoredAnnouncement[]> {
    return this.read(() => this.offline.announcementsOf(userId, limit));
  }

  announcementFor(userId: string, id: string): Promise<StoredAnnouncement | null> {
    return this.read(() => this.offline.announcementFor(userId, id));
  }
}
