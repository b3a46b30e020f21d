/** The store's values as the API shows them (protocol shapes: ISO times, no private fields). */
import type { Announcement, ChatMessage, Conversation, ConversationSummary } from '@st/protocol';
import type {
  ConversationListing,
  StoredAnnouncement,
  StoredConversation,
  StoredMessage,
} from '../store/chat-types.ts';
import { messageId } from './ids.ts';

export function conversationView(stored: StoredConversation): Conversation {
  return {
    id: stored.id,
    kind: stored.kind,
    topic: stored.topic,
    createdBy: stored.createdBy,
    createdAt: new Date(stored.createdAt).toISOString(),
    participants: stored.participants.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      state: p.state,
      deliveredSeq: p.deliveredSeq,
      readSeq: p.readSeq,
    })),
    lastSeq: stored.lastSeq,
    upgradedFrom: stored.upgradedFrom,
  };
}

export function messageView(stored: StoredMessage): ChatMessage {
  return {
    id: messageId(stored.conversationId, stored.seq),
    seq: stored.seq,
    conversationId: stored.conversationId,
    from: stored.from,
    text: stored.text,
    sentAt: new Date(stored.sentAt).toISOString(),
    clientId: stored.clientId,
  };
}

export function summaryView(listing: ConversationListing): ConversationSummary {
  return {
    ...conversationView(listing.conversation),
    unread: listing.unread,
    lastMessage: listing.lastMessage ? messageView(listing.lastMessage) : null,
  };
}

export function announcementView(stored: StoredAnnouncement): Announcement {
  return {
    id: stored.id,
    from: stored.from,
    text: stored.text,
    allowReplies: stored.allowReplies,
    sentAt: new Date(stored.sentAt).toISOString(),
  };
}
