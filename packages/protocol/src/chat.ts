/**
 * Schemas of the chat API (`/api/v1/conversations`, `/api/v1/announcements`) and the chat events of
 * the stream. docs/chat.md explains how they fit together.
 *
 * - A conversation is `im` (two people; both find the same one at `/conversations/im/{peerId}`) or
 *   `nway`. Only its participants may see it: for anyone else it does not exist (404).
 * - Messages are numbered per conversation by `seq` (1, 2, 3…); history pages by `seq`, receipts
 *   say "up to `seq`". A message is answered (201) only once it is durably stored; the same
 *   `clientId` from the same sender answers the stored message (200) instead of a second one.
 * - Times are ISO 8601 strings.
 */
import { z } from 'zod';
import { UserId, UserSummary } from './api.ts';
import {
  ANNOUNCEMENT_ID_PATTERN,
  CLIENT_ID_PATTERN,
  CONVERSATION_ID_PATTERN,
  CONVERSATION_KINDS,
  type ConversationChange,
  PARTICIPANT_STATES,
} from './chat-rules.ts';
import { LIMITS } from './limits.ts';
import { VISIBLE_LINE, VISIBLE_LINE_MESSAGE, VISIBLE_TEXT, VISIBLE_TEXT_MESSAGE } from './text.ts';

export const ConversationId = z.string().regex(CONVERSATION_ID_PATTERN, 'not a conversation id');
export const AnnouncementId = z.string().regex(ANNOUNCEMENT_ID_PATTERN, 'not an announcement id');

/** The sender's own id for a message, so a retried send is stored once. */
export const ClientMessageId = z
  .string()
  .min(1)
  .max(LIMITS.clientIdLength)
  .regex(CLIENT_ID_PATTERN, 'printable ASCII without spaces');

/**
 * The text of a message: not blank. Its length is checked by the proxy (ST_ERR_MESSAGE_TOO_LONG
 * past `LIMITS.messageLength` characters, counted as Unicode code points), not by this schema, so
 * that the error says exactly what is wrong.
 */
export const MessageText = z
  .string()
  .refine((text) => text.trim().length > 0, 'must not be empty')
  .regex(VISIBLE_TEXT, VISIBLE_TEXT_MESSAGE)
  .describe(`At most ${LIMITS.messageLength} characters (Unicode code points); plain text, never HTML`);

/** A topic: trimmed, 1–`LIMITS.conversationTopicLength` characters, no control or bidi override characters. */
export const ConversationTopic = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.conversationTopicLength)
  .regex(VISIBLE_LINE, VISIBLE_LINE_MESSAGE);

const Seq = z.number().int().min(0);
const IsoTime = z.string().describe('ISO 8601 time');

export const Participant = UserSummary.extend({
  state: z.enum(PARTICIPANT_STATES),
  /** The participant's client confirmed every message up to this `seq` arrived (0: none). */
  deliveredSeq: Seq,
  /** The participant has read every message up to this `seq` (0: none). */
  readSeq: Seq,
});
export type Participant = z.infer<typeof Participant>;

/** A conversation as every participant sees it. */
export const Conversation = z.object({
  id: z.string(),
  kind: z.enum(CONVERSATION_KINDS),
  /** Only N-way conversations have one. */
  topic: z.string().nullable(),
  createdBy: UserSummary,
  createdAt: IsoTime,
  /** Current participants (invited or joined), creator first, then in the order they were added. */
  participants: z.array(Participant),
  /** The `seq` of its latest message (0: none yet). */
  lastSeq: Seq,
  /** The 1:1 conversation this N-way one continued (its history stays there). */
  upgradedFrom: z.string().nullable(),
});
export type Conversation = z.infer<typeof Conversation>;

export const ChatMessage = z.object({
  /** Unique across the proxy: `<conversationId>.<seq>`. */
  id: z.string(),
  seq: z.number().int().min(1),
  conversationId: z.string(),
  /** The sender, with the display name they had when they sent it. */
  from: UserSummary,
  /** Plain text: show it as text, never as HTML. */
  text: z.string(),
  sentAt: IsoTime,
  clientId: z.string().nullable(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** A conversation with what only its reader sees: their unread count and the latest message. */
export const ConversationSummary = Conversation.extend({
  /** Messages from others after the reader's `readSeq`. */
  unread: z.number().int().min(0),
  lastMessage: ChatMessage.nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const ConversationResponse = z.object({ conversation: ConversationSummary });
export type ConversationResponse = z.infer<typeof ConversationResponse>;

/** `POST /api/v1/conversations`: an N-way conversation; the caller is its first participant. */
export const CreateConversationRequest = z.strictObject({
  /** The others, invited at once. */
  participants: z
    .array(UserId)
    .min(1)
    .max(LIMITS.conversationParticipants - 1),
  topic: ConversationTopic.optional(),
  /** Upgrading a 1:1: its id (the caller's). Its other person is invited too, named or not. */
  upgradedFrom: ConversationId.optional(),
});
export type CreateConversationRequest = z.infer<typeof CreateConversationRequest>;

/** `GET /api/v1/conversations`: mine, most recently active first. */
export const ConversationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(LIMITS.conversationsPageMax).optional(),
  /** The `next` of the previous page. */
  before: z.string().min(1).max(128).optional(),
});
export const ConversationsResponse = z.object({
  conversations: z.array(ConversationSummary),
  /** Pass as `before` for the next (older) page; null when this is the last. */
  next: z.string().nullable(),
});
export type ConversationsResponse = z.infer<typeof ConversationsResponse>;

/** Path parameters of `/api/v1/conversations/{id}/…`. */
export const ConversationParams = z.strictObject({ id: ConversationId });
/** Path parameters of `/api/v1/conversations/im/{peerId}`. */
export const PeerParams = z.strictObject({ peerId: UserId });

/** `POST /api/v1/conversations/{id}/participants`: invite people to an N-way conversation. */
export const InviteRequest = z.strictObject({
  ids: z.array(UserId).min(1).max(LIMITS.conversationParticipants),
});
export type InviteRequest = z.infer<typeof InviteRequest>;

/** `PATCH /api/v1/conversations/{id}`: set (or, with null, clear) the topic of an N-way conversation. */
export const UpdateConversationRequest = z.strictObject({ topic: ConversationTopic.nullable() });
export type UpdateConversationRequest = z.infer<typeof UpdateConversationRequest>;

/** `POST /api/v1/conversations/{id}/messages`, and a reply to an announcement. */
export const SendMessageRequest = z.strictObject({
  clientId: ClientMessageId.optional(),
  text: MessageText,
});
export type SendMessageRequest = z.infer<typeof SendMessageRequest>;
export const MessageResponse = z.object({ message: ChatMessage });
export type MessageResponse = z.infer<typeof MessageResponse>;

/**
 * `GET /api/v1/conversations/{id}/messages`: one page of history, always oldest first within the
 * page. With `before` (or neither): the newest `limit` messages before that `seq`; with `after`: the
 * oldest `limit` messages after it (catching up). `hasMore` says whether more lie in that direction.
 */
export const HistoryQuery = z
  .strictObject({
    before: z.coerce.number().int().min(1).optional(),
    after: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(LIMITS.historyPageMax).optional(),
  })
  .refine((q) => q.before === undefined || q.after === undefined, 'give before or after, not both');
export type HistoryQuery = z.infer<typeof HistoryQuery>;
export const HistoryResponse = z.object({ messages: z.array(ChatMessage), hasMore: z.boolean() });
export type HistoryResponse = z.infer<typeof HistoryResponse>;

/** `POST /api/v1/conversations/{id}/read` and `…/delivered`: up to and including `seq`. */
export const ReceiptRequest = z.strictObject({ seq: z.number().int().min(1) });
export type ReceiptRequest = z.infer<typeof ReceiptRequest>;

/** `POST /api/v1/conversations/{id}/typing`. */
export const TypingRequest = z.strictObject({ typing: z.boolean() });
export type TypingRequest = z.infer<typeof TypingRequest>;

export const Announcement = z.object({
  id: z.string(),
  from: UserSummary,
  text: z.string(),
  /** Whether recipients may answer (`POST /api/v1/announcements/{id}/replies`). */
  allowReplies: z.boolean(),
  sentAt: IsoTime,
});
export type Announcement = z.infer<typeof Announcement>;

/** `POST /api/v1/announcements`: one message to many people. */
export const AnnouncementRequest = z.strictObject({
  to: z.array(UserId).min(1).max(LIMITS.announcementRecipients),
  text: MessageText,
  allowReplies: z.boolean().default(false),
});
export type AnnouncementRequest = z.infer<typeof AnnouncementRequest>;
export const AnnouncementResponse = z.object({
  announcement: Announcement,
  /** How many distinct people it went to (the sender is never one of them). */
  recipients: z.number().int(),
});
export type AnnouncementResponse = z.infer<typeof AnnouncementResponse>;

/** `GET /api/v1/announcements`: the ones I received, newest first. */
export const AnnouncementsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(LIMITS.historyPageMax).optional(),
});
export const AnnouncementsResponse = z.object({ announcements: z.array(Announcement) });
export type AnnouncementsResponse = z.infer<typeof AnnouncementsResponse>;
export const AnnouncementParams = z.strictObject({ id: AnnouncementId });

// ---- Stream events (see events.ts for `seq`, replay and transports) ----

/**
 * A message in a conversation the stream's person takes part in (their own too, so other tabs
 * follow). `offline: true` marks one stored while the person had no live stream, delivered once
 * when they next connect.
 */
export interface ChatMessageEvent {
  seq: number;
  type: 'message';
  message: ChatMessage;
  offline?: true;
}

/** A change to a conversation: the whole conversation after it, who did it and to whom. */
export interface ConversationEvent {
  seq: number;
  type: 'conversation';
  change: ConversationChange;
  conversation: Conversation;
  by: UserSummary;
  /** The people invited, joined, left or declined (empty for `created` and `topic`). */
  people: UserSummary[];
}

/** The stream's person was invited to an N-way conversation (or to a new one) by `from`. */
export interface InvitationEvent {
  seq: number;
  type: 'invitation';
  conversation: Conversation;
  from: UserSummary;
  offline?: true;
}

/** Where a participant's receipts stand now (both only ever move forward). */
export interface ReceiptEvent {
  seq: number;
  type: 'receipt';
  conversationId: string;
  userId: string;
  deliveredSeq: number;
  readSeq: number;
}

/**
 * `userId` is typing (or stopped) in a conversation. `typing: true` holds for `ttlMs` unless
 * renewed: a receiver clears it by itself after that.
 */
export interface TypingEvent {
  seq: number;
  type: 'typing';
  conversationId: string;
  userId: string;
  typing: boolean;
  ttlMs: number;
}

/** An announcement to the stream's person (`offline: true` as for messages). */
export interface AnnouncementEvent {
  seq: number;
  type: 'announcement';
  announcement: Announcement;
  offline?: true;
}

export type ChatEvent =
  | ChatMessageEvent
  | ConversationEvent
  | InvitationEvent
  | ReceiptEvent
  | TypingEvent
  | AnnouncementEvent;
