/**
 * The durable side of chat: conversations, their participants and messages, offline deliveries
 * and announcements. Like the rest of the store it is asynchronous and atomic: each method is one
 * transaction, durable once its promise resolves (a message is acknowledged to its sender only
 * then).
 *
 * Offline deliveries are written in the same transaction as what they point to, for the people
 * `isLive` says have no live stream, so a message can never be stored without its offline pointer
 * (or the other way round). `isLive` is the caller's knowledge of its own streams; a store shared
 * by a cluster would be given a cluster-wide one.
 */
import type { ConversationKind, ParticipantState, UserSummary } from '@st/protocol';

export type IsLive = (userId: string) => boolean;

export interface StoredParticipant extends UserSummary {
  state: ParticipantState;
  /** The participant sees messages after this seq (the last one before they were invited). */
  visibleFrom: number;
  deliveredSeq: number;
  readSeq: number;
}

export interface StoredConversation {
  id: string;
  kind: ConversationKind;
  topic: string | null;
  createdBy: UserSummary;
  createdAt: number;
  upgradedFrom: string | null;
  lastSeq: number;
  lastActivityAt: number;
  /** Current participants (invited or joined), in the order they were added. */
  participants: StoredParticipant[];
}

export interface StoredMessage {
  conversationId: string;
  seq: number;
  from: UserSummary;
  clientId: string | null;
  text: string;
  sentAt: number;
}

export interface NewMessage {
  conversationId: string;
  from: UserSummary;
  clientId: string | null;
  text: string;
  sentAt: number;
  /**
   * The community server archived it already (a message from XMPP, chat/archive.ts): the store
   * keeps it without its body (`''`), though the outcome carries the text.
   */
  archived?: boolean;
}

/** A message by its place in its conversation. */
export interface MessageRef {
  conversationId: string;
  seq: number;
}

/** What became of one message of a batch. */
export type AppendOutcome =
  /** Stored as `message`; `joined` when posting accepted the sender's invitation. */
  | { kind: 'stored'; message: StoredMessage; conversation: StoredConversation; joined: boolean }
  /** The sender already stored a message with this client id: that one, unchanged. */
  | { kind: 'duplicate'; message: StoredMessage }
  /** The sender is not a participant (or the conversation does not exist). */
  | { kind: 'refused' }
  /** This message could not be stored (the others of its batch were). */
  | { kind: 'failed'; error: Error };

export interface NewConversation {
  id: string;
  kind: ConversationKind;
  creator: UserSummary;
  /** The others: joined at once for a 1:1, invited for an N-way conversation. */
  others: UserSummary[];
  topic: string | null;
  upgradedFrom: string | null;
  now: number;
}

/** A page of a person's conversations, with what only they see. */
export interface ConversationListing {
  conversation: StoredConversation;
  unread: number;
  lastMessage: StoredMessage | null;
}

export interface ListCursor {
  activityAt: number;
  id: string;
}

export interface HistoryPage {
  messages: StoredMessage[];
  hasMore: boolean;
}

export interface StoredAnnouncement {
  id: string;
  from: UserSummary;
  text: string;
  allowReplies: boolean;
  sentAt: number;
}

/** Something that waited for a person, in the order it happened. */
export type OfflineItem =
  | { kind: 'message'; message: StoredMessage }
  | { kind: 'invitation'; conversation: StoredConversation; from: UserSummary }
  | { kind: 'announcement'; announcement: StoredAnnouncement };

export interface ReceiptPositions {
  deliveredSeq: number;
  readSeq: number;
  changed: boolean;
}

export interface ChatStore {
  /**
   * How many batches of messages are best written at once (the group commit holds the rest for the
   * next batch); unbounded when absent, as for SQLite, which writes synchronously.
   */
  readonly concurrentWrites?: number | undefined;
  conversation(id: string): Promise<StoredConversation | null>;
  /**
   * Creates a conversation, or (for a 1:1, whose id is derived from its people) answers the one
   * that exists. Invitations of an N-way conversation wait offline for people not live.
   */
  createConversation(
    input: NewConversation,
    isLive: IsLive,
  ): Promise<{ conversation: StoredConversation; created: boolean }>;
  /**
   * Invites people to an N-way conversation (people already in it are skipped) and answers who was
   * invited. Throws `ConversationFullError` past `maxParticipants`, and
   * `NotParticipantError` when `by` is not a participant.
   */
  invite(
    id: string,
    by: UserSummary,
    people: UserSummary[],
    options: { now: number; maxParticipants: number; isLive: IsLive },
  ): Promise<{ conversation: StoredConversation; invited: UserSummary[] }>;
  /** Sets the participant's state; `left` or `declined` removes them. Null when not a participant. */
  setParticipantState(
    id: string,
    userId: string,
    state: 'joined' | 'left' | 'declined',
    now: number,
  ): Promise<{ conversation: StoredConversation; previous: ParticipantState } | null>;
  setTopic(id: string, topic: string | null, now: number): Promise<StoredConversation>;
  /** Stores a batch in one transaction; each outcome in the order of `batch`. */
  appendMessages(batch: readonly NewMessage[], isLive: IsLive): Promise<AppendOutcome[]>;
  /**
   * The community server archived these messages (chat/archive.ts): their bodies leave the store
   * (`''`), and history reads them from the archive.
   */
  forgetBodies(refs: readonly MessageRef[]): Promise<void>;
  /** Messages after `visibleFrom`, paged (see `HistoryQuery` in the protocol). */
  history(
    id: string,
    visibleFrom: number,
    page: { before?: number | undefined; after?: number | undefined; limit: number },
  ): Promise<HistoryPage>;
  /** The person's current conversations, most recently active first. */
  conversationsOf(
    userId: string,
    limit: number,
    before?: ListCursor,
  ): Promise<{ listings: ConversationListing[]; next: ListCursor | null }>;
  /** The reader's unread count and the last message they may see. */
  listing(conversation: StoredConversation, userId: string): Promise<ConversationListing>;
  /**
   * Moves the participant's receipts forward (never back, never past the last message; read
   * implies delivered). Null when not a participant.
   */
  markReceipts(
    id: string,
    userId: string,
    receipts: { delivered?: number; read?: number },
  ): Promise<ReceiptPositions | null>;
  /** Takes (and deletes) what waited for the person: the newest `max`, oldest first. */
  takeOffline(userId: string, max: number): Promise<OfflineItem[]>;
  createAnnouncement(
    announcement: StoredAnnouncement,
    recipients: readonly string[],
    isLive: IsLive,
  ): Promise<void>;
  /** Announcements the person received, newest first. */
  announcementsOf(userId: string, limit: number): Promise<StoredAnnouncement[]>;
  /** The announcement when the person received it, else null. */
  announcementFor(userId: string, id: string): Promise<StoredAnnouncement | null>;
}

export class ChatStoreError extends Error {
  override name = 'ChatStoreError';
}

/** A failure of one message of a batch, kept apart so the batch's other messages still commit. */
export class AppendFailure extends Error {
  override name = 'AppendFailure';
}

/** The conversation does not exist, or the person is not one of its participants. */
export class NotParticipantError extends ChatStoreError {
  override name = 'NotParticipantError';
}

/** The change would pass the participant limit. */
export class ConversationFullError extends ChatStoreError {
  override name = 'ConversationFullError';
}
