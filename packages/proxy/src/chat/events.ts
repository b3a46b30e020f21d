/**
 * Chat events as stream event bodies (the JSON members after `seq`, see stream/ring-buffer.ts):
 * built once per change and shared by every stream that gets it, and how they reach people.
 */
import type {
  AnnouncementEvent,
  ChatMessageEvent,
  ConversationChange,
  ConversationEvent,
  InvitationEvent,
  ReceiptEvent,
  TypingEvent,
  UserSummary,
} from '@st/protocol';
import type { StoredAnnouncement, StoredConversation, StoredMessage } from '../store/chat-types.ts';
import type { StreamRegistry } from '../stream/registry.ts';
import { announcementView, conversationView, messageView } from './views.ts';

type Body<E> = Omit<E, 'seq'>;

function body<E extends { type: string }>(event: Body<E>): string {
  return JSON.stringify(event).slice(1, -1);
}

export function messageEventBody(message: StoredMessage, offline = false): string {
  return body<ChatMessageEvent>({
    type: 'message',
    message: messageView(message),
    ...(offline ? { offline: true as const } : {}),
  });
}

export function conversationEventBody(
  change: ConversationChange,
  conversation: StoredConversation,
  by: UserSummary,
  people: UserSummary[] = [],
): string {
  return body<ConversationEvent>({
    type: 'conversation',
    change,
    conversation: conversationView(conversation),
    by: { id: by.id, displayName: by.displayName },
    people: people.map((p) => ({ id: p.id, displayName: p.displayName })),
  });
}

export function invitationEventBody(
  conversation: StoredConversation,
  from: UserSummary,
  offline = false,
): string {
  return body<InvitationEvent>({
    type: 'invitation',
    conversation: conversationView(conversation),
    from: { id: from.id, displayName: from.displayName },
    ...(offline ? { offline: true as const } : {}),
  });
}

export function receiptEventBody(
  conversationId: string,
  userId: string,
  positions: { deliveredSeq: number; readSeq: number },
): string {
  return body<ReceiptEvent>({
    type: 'receipt',
    conversationId,
    userId,
    deliveredSeq: positions.deliveredSeq,
    readSeq: positions.readSeq,
  });
}

export function typingEventBody(
  conversationId: string,
  userId: string,
  typing: boolean,
  ttlMs: number,
): string {
  return body<TypingEvent>({ type: 'typing', conversationId, userId, typing, ttlMs });
}

export function announcementEventBody(announcement: StoredAnnouncement, offline = false): string {
  return body<AnnouncementEvent>({
    type: 'announcement',
    announcement: announcementView(announcement),
    ...(offline ? { offline: true as const } : {}),
  });
}

/** The event's type, for the transports (the first member of every body). */
export type ChatEventType = 'message' | 'conversation' | 'invitation' | 'receipt' | 'typing' | 'announcement';

/** Sends one event to every stream of each participant (but `except`). */
export function emitToParticipants(
  streams: StreamRegistry,
  conversation: StoredConversation,
  type: ChatEventType,
  eventBody: string,
  except?: string,
): void {
  for (const participant of conversation.participants) {
    if (participant.id !== except) streams.emitToPerson(participant.id, type, eventBody);
  }
}
