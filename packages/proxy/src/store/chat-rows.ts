/**
 * The chat tables' rows (migrations 3–6), as SQLite and PostgreSQL both answer them, and how they
 * become the store's values.
 */
import type { ConversationKind, ParticipantState } from '@st/protocol';
import type {
  StoredAnnouncement,
  StoredConversation,
  StoredMessage,
  StoredParticipant,
} from './chat-types.ts';

export interface ConversationRow {
  id: string;
  kind: ConversationKind;
  topic: string | null;
  created_by: string;
  created_by_name: string;
  created_at: number;
  upgraded_from: string | null;
  last_seq: number;
  last_activity_at: number;
}

export interface MemberRow {
  user_id: string;
  display_name: string;
  state: ParticipantState | 'left' | 'declined';
  visible_from: number;
  delivered_seq: number;
  read_seq: number;
}

export interface MessageRow {
  conversation_id: string;
  seq: number;
  sender: string;
  sender_name: string;
  client_id: string | null;
  body: string;
  sent_at: number;
}

export interface AnnouncementRow {
  id: string;
  sender: string;
  sender_name: string;
  body: string;
  /** 0 or 1 in SQLite, a boolean in PostgreSQL. */
  allow_replies: number | boolean;
  sent_at: number;
}

/** States that make someone a participant (may read, post and hear events). */
export const CURRENT_STATES = "('invited', 'joined')";

export const MEMBER_COLUMNS = 'user_id, display_name, state, visible_from, delivered_seq, read_seq';
export const MESSAGE_COLUMNS = 'conversation_id, seq, sender, sender_name, client_id, body, sent_at';

export function isCurrent(row: MemberRow | undefined): row is MemberRow & { state: ParticipantState } {
  return row !== undefined && (row.state === 'invited' || row.state === 'joined');
}

export function toParticipant(row: MemberRow): StoredParticipant {
  return {
    id: row.user_id,
    displayName: row.display_name,
    state: row.state as ParticipantState,
    visibleFrom: row.visible_from,
    deliveredSeq: row.delivered_seq,
    readSeq: row.read_seq,
  };
}

export function toConversation(row: ConversationRow, members: MemberRow[]): StoredConversation {
  return {
    id: row.id,
    kind: row.kind,
    topic: row.topic,
    createdBy: { id: row.created_by, displayName: row.created_by_name },
    createdAt: row.created_at,
    upgradedFrom: row.upgraded_from,
    lastSeq: row.last_seq,
    lastActivityAt: row.last_activity_at,
    participants: members.map(toParticipant),
  };
}

export function toMessage(row: MessageRow): StoredMessage {
  return {
    conversationId: row.conversation_id,
    seq: row.seq,
    from: { id: row.sender, displayName: row.sender_name },
    clientId: row.client_id,
    text: row.body,
    sentAt: row.sent_at,
  };
}

export function toAnnouncement(row: AnnouncementRow): StoredAnnouncement {
  return {
    id: row.id,
    from: { id: row.sender, displayName: row.sender_name },
    text: row.body,
    allowReplies: row.allow_replies === 1 || row.allow_replies === true,
    sentAt: row.sent_at,
  };
}
