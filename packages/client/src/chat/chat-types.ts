/** The public shapes of chat in the SDK: messages as a transcript shows them, handles, the chat API. */
import type {
  Announcement,
  AnnouncementResponse,
  ChatMessage,
  ConversationSummary,
  Participant,
  UserSummary,
} from '@st/protocol/core';
import type { Observable } from 'rxjs';
import type { ConversationNotice } from './room.ts';

/**
 * Where a message stands from this client's point of view: `sent` once the proxy stored it,
 * `sending` while it waits in the outbox (offline, or on its way), `failed` when the proxy refused
 * it for good (too long, no longer a participant): retry or discard it.
 */
export const MessageState = { Sent: 'sent', Sending: 'sending', Failed: 'failed' } as const;
export type MessageState = (typeof MessageState)[keyof typeof MessageState];

/** A message as a transcript shows it: a stored one, or one still in the outbox. */
export interface TimelineMessage {
  /** `<conversationId>.<seq>` once stored; the client id while in the outbox. */
  id: string;
  /** Its place in the conversation; 0 while in the outbox (it then sorts after every stored one). */
  seq: number;
  conversationId: string;
  from: UserSummary;
  /** Plain text: show it as text, never as HTML. */
  text: string;
  sentAt: string;
  clientId: string | null;
  /** It waited for this person while they were offline (Sametime's offline messages). */
  offline: boolean;
  state: MessageState;
  /** Why a `failed` message was refused. */
  error?: string;
}

/** Paging of a conversation's history. */
export interface HistoryState {
  /** A page is on its way (the first one, or older ones). */
  loading: boolean;
  /** The proxy has older messages than those shown. */
  hasOlder: boolean;
  /** The last page could not be loaded (`loadOlder()` tries again). */
  error?: Error;
}

/** A message from someone else, as it arrives (for notifications and unread badges). */
export interface IncomingMessage {
  message: ChatMessage;
  /** It waited while this person was offline. */
  offline: boolean;
  conversation: ConversationSummary | undefined;
}

/** Someone invited this person to an N-way conversation. */
export interface IncomingInvitation {
  conversation: ConversationSummary;
  from: UserSummary;
  offline: boolean;
}

/** One conversation: its transcript, who is in it and typing, and what one can do in it. */
export interface ConversationHandle {
  /** The other person, for a handle made with `im(peerId)`. */
  readonly peerId: string | undefined;
  /** The conversation's id (for `im()`, found or created at the proxy the first time it is needed). */
  id(): Promise<string>;
  /** The conversation with its participants, unread count and last message; follows every change. */
  readonly conversation$: Observable<ConversationSummary>;
  /**
   * The transcript: history merged with live messages, ordered by `seq`, each once, followed by
   * what waits in the outbox. Loads the newest page (from the IndexedDB cache at once, then the
   * proxy) when first observed.
   */
  readonly messages$: Observable<TimelineMessage[]>;
  readonly history$: Observable<HistoryState>;
  /** The other people typing now (each clears by itself after the proxy's `ttlMs`). */
  readonly typing$: Observable<UserSummary[]>;
  readonly participants$: Observable<Participant[]>;
  /** Joins, leaves, declines and topic changes seen since the conversation was opened here. */
  readonly notices$: Observable<ConversationNotice[]>;
  /**
   * Queues the text in the outbox (kept in IndexedDB) with a client id made here, and sends it; it
   * is sent exactly once, after a reconnect if need be. Settles when the proxy stored it; rejects
   * when the proxy refused it for good (an `StError`) or at logout.
   */
  send(text: string): Promise<ChatMessage>;
  /** Sends a `failed` message again (same client id). */
  retry(clientId: string): void;
  /** Takes a `failed` (or waiting) message out of the outbox. */
  discard(clientId: string): void;
  /** Loads the next older page; resolves whether there are older ones still. */
  loadOlder(): Promise<boolean>;
  /** I have read everything up to `seq` (default: the newest message). */
  markRead(seq?: number): Promise<void>;
  /** Whether I am typing; throttled to what the proxy forwards, renewed while it lasts. */
  setTyping(typing: boolean): void;
  /** Invites more people (N-way). */
  invite(ids: string[]): Promise<ConversationSummary>;
  /** Continues a 1:1 as an N-way conversation with its two people and `ids`. */
  upgrade(ids: string[], topic?: string): Promise<ConversationHandle>;
  setTopic(topic: string | null): Promise<ConversationSummary>;
  /** Accepts an invitation (no-op when joined). */
  accept(): Promise<ConversationSummary>;
  /** Leaves; while only invited this declines. */
  leave(): Promise<void>;
}

/** Chat as the SDK offers it (`client.chat`). */
export interface StChat {
  /**
   * My conversations, most recently active first, with their unread counts and last messages.
   * Loaded (from the IndexedDB cache at once, then the proxy) when first observed; follows events.
   */
  readonly conversations$: Observable<ConversationSummary[]>;
  /** Unread messages in all my conversations. */
  readonly unread$: Observable<number>;
  /** Conversations I am invited to and have not accepted or declined. */
  readonly invitations$: Observable<ConversationSummary[]>;
  /** Each invitation as it arrives. */
  readonly invited$: Observable<IncomingInvitation>;
  /** Each message from someone else as it arrives. */
  readonly incoming$: Observable<IncomingMessage>;
  /** Announcements I received, newest first; loaded when first observed, then live. */
  readonly announcements$: Observable<Announcement[]>;
  /** Each announcement as it arrives. */
  readonly announced$: Observable<{ announcement: Announcement; offline: boolean }>;
  /** A conversation by id. Handles are shared: asking twice gives the same one. */
  conversation(id: string): ConversationHandle;
  /** The 1:1 conversation with `peerId` (found or created at the proxy when first needed). */
  im(peerId: string): ConversationHandle;
  /** Starts an N-way conversation with these people (they are invited). */
  startConversation(ids: string[], topic?: string): Promise<ConversationHandle>;
  /** Sends one message to many people; `allowReplies` lets them answer in a 1:1 with me. */
  announce(to: string[], text: string, allowReplies?: boolean): Promise<AnnouncementResponse>;
  replyToAnnouncement(announcementId: string, text: string): Promise<ChatMessage>;
}
