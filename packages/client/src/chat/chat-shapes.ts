/**
 * Loose checks of what the chat API and the chat events carry, in the `{ safeParse }` shape the
 * HTTP helper takes. Zod-free like the rest of the SDK, so a page with a chat window never bundles a
 * schema library; anything that does not read right is dropped, never thrown.
 */
import {
  type Announcement,
  type ChatEvent,
  type ChatMessage,
  type Conversation,
  type ConversationSummary,
  hasStringFields,
  type Participant,
  type Preferences,
  type PrivacyList,
} from '@st/protocol/core';
import type { Schema } from '../http.ts';

type Loose = Record<string, unknown>;

const isRecord = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isUserSummary = (v: unknown) => hasStringFields(v, ['id', 'displayName']);
const isNullableString = (v: unknown) => v === null || typeof v === 'string';

function shape<T>(test: (value: unknown) => boolean): Schema<T> {
  return {
    safeParse: (value) => (test(value) ? { success: true, data: value as T } : { success: false }),
  };
}

export function isChatMessage(v: unknown): v is ChatMessage {
  return (
    isRecord(v) &&
    hasStringFields(v, ['id', 'conversationId', 'text', 'sentAt']) &&
    isCount(v.seq) &&
    v.seq >= 1 &&
    isUserSummary(v.from) &&
    (v.clientId === undefined || isNullableString(v.clientId))
  );
}

function isParticipant(v: unknown): v is Participant {
  return (
    isUserSummary(v) &&
    isRecord(v) &&
    (v.state === 'invited' || v.state === 'joined') &&
    isCount(v.deliveredSeq) &&
    isCount(v.readSeq)
  );
}

export function isConversation(v: unknown): v is Conversation {
  return (
    isRecord(v) &&
    hasStringFields(v, ['id', 'createdAt']) &&
    (v.kind === 'im' || v.kind === 'nway') &&
    isNullableString(v.topic ?? null) &&
    isUserSummary(v.createdBy) &&
    Array.isArray(v.participants) &&
    v.participants.every(isParticipant) &&
    isCount(v.lastSeq) &&
    isNullableString(v.upgradedFrom ?? null)
  );
}

export function isConversationSummary(v: unknown): v is ConversationSummary {
  return (
    isConversation(v) &&
    isCount((v as Loose).unread) &&
    ((v as Loose).lastMessage === null || isChatMessage((v as Loose).lastMessage))
  );
}

export function isAnnouncement(v: unknown): v is Announcement {
  return (
    isRecord(v) &&
    hasStringFields(v, ['id', 'text', 'sentAt']) &&
    isUserSummary(v.from) &&
    typeof v.allowReplies === 'boolean'
  );
}

const listOf = (key: string, item: (v: unknown) => boolean) => (v: unknown) =>
  isRecord(v) && Array.isArray(v[key]) && (v[key] as unknown[]).every(item);

export const ConversationResponseShape = shape<{ conversation: ConversationSummary }>(
  (v) => isRecord(v) && isConversationSummary(v.conversation),
);
export const ConversationsResponseShape = shape<{
  conversations: ConversationSummary[];
  next: string | null;
}>((v) => listOf('conversations', isConversationSummary)(v) && isNullableString((v as Loose).next ?? null));
export const MessageResponseShape = shape<{ message: ChatMessage }>(
  (v) => isRecord(v) && isChatMessage(v.message),
);
export const HistoryResponseShape = shape<{ messages: ChatMessage[]; hasMore: boolean }>(
  (v) => listOf('messages', isChatMessage)(v) && typeof (v as Loose).hasMore === 'boolean',
);
export const AnnouncementsResponseShape = shape<{ announcements: Announcement[] }>(
  listOf('announcements', isAnnouncement),
);
export const AnnouncementResponseShape = shape<{ announcement: Announcement; recipients: number }>(
  (v) => isRecord(v) && isAnnouncement(v.announcement) && isCount(v.recipients),
);

export function isPrivacyList(v: unknown): v is PrivacyList {
  return (
    isRecord(v) &&
    (v.mode === 'everybody-except' || v.mode === 'only-these') &&
    Array.isArray(v.people) &&
    v.people.every((p) => typeof p === 'string')
  );
}
export const PrivacyListShape = shape<PrivacyList>(isPrivacyList);

const BOOLEAN_PREFERENCES = [
  'sound',
  'bringChatToFront',
  'showPhotos',
  'notifyWhenPartnerLeaves',
  'hideOfflineContacts',
  'hideMessageTextInPush',
] as const;

export function isPreferences(v: unknown): v is Preferences {
  return (
    isRecord(v) && BOOLEAN_PREFERENCES.every((name) => typeof v[name] === 'boolean') && isCount(v.idleMinutes)
  );
}
export const PreferencesShape = shape<Preferences>(isPreferences);

/** A sequenced event of the stream as chat reads it: one of the chat events, or `null`. */
export function readChatEvent(event: Loose): ChatEvent | null {
  switch (event.type) {
    case 'message':
      return isChatMessage(event.message) ? (event as unknown as ChatEvent) : null;
    case 'conversation':
      return isConversation(event.conversation) &&
        typeof event.change === 'string' &&
        isUserSummary(event.by) &&
        Array.isArray(event.people) &&
        event.people.every(isUserSummary)
        ? (event as unknown as ChatEvent)
        : null;
    case 'invitation':
      return isConversation(event.conversation) && isUserSummary(event.from)
        ? (event as unknown as ChatEvent)
        : null;
    case 'receipt':
      return typeof event.conversationId === 'string' &&
        typeof event.userId === 'string' &&
        isCount(event.deliveredSeq) &&
        isCount(event.readSeq)
        ? (event as unknown as ChatEvent)
        : null;
    case 'typing':
      return typeof event.conversationId === 'string' &&
        typeof event.userId === 'string' &&
        typeof event.typing === 'boolean' &&
        isCount(event.ttlMs)
        ? (event as unknown as ChatEvent)
        : null;
    case 'announcement':
      return isAnnouncement(event.announcement) ? (event as unknown as ChatEvent) : null;
    default:
      return null;
  }
}
