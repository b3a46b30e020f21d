/**
 * Chat between people here and people on other clients of a community server that carries chat
 * (XMPP): what arrives from the server is posted here in the sender's name (stored once: its
 * XMPP id becomes the `clientId`; its body stays in the server's archive), and what is stored
 * here goes out through the archive (chat/archive.ts) in the sender's session.
 * Privacy holds as for any message: someone hidden from the sender cannot be written to.
 */
import type { UserSummary } from '@st/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { CommunityChat, IncomingChat } from '../community/types.ts';
import type { Directory } from '../directory/types.ts';
import type { ChatStore } from '../store/chat-types.ts';
import type { Chat } from './chat.ts';
import { displayedMarker, receiptFromCommunity } from './community-receipts.ts';
import { imConversationId } from './ids.ts';

export function bridgeChat(parts: {
  chat: Chat;
  store: ChatStore;
  community: CommunityChat;
  directory: Directory;
  log: FastifyBaseLogger;
}): () => void {
  const { chat, store, community, directory, log } = parts;

  const personOf = async (id: string): Promise<UserSummary> => {
    const [card] = await directory.getPeople([id]).catch(() => []);
    return { id: card?.id ?? id, displayName: card?.displayName ?? id };
  };

  const incoming = async (event: IncomingChat) => {
    const from = await personOf(event.from);
    if (event.kind === 'receipt') {
      await receiptFromCommunity(chat, store, from, event);
      return;
    }
    if (event.kind === 'typing') {
      const conversationId = event.conversationId ?? imConversationId(event.from, event.to);
      await chat.messages.setTyping(from, conversationId, event.typing);
      return;
    }
    if (event.kind === 'topic') {
      await chat.conversations.setTopic(from, event.conversationId, event.topic.trim() || null);
      return;
    }
    // The server has it already: the store keeps no copy of its body.
    const archivedAt = event.sentAt ?? Date.now();
    if (event.conversationId !== undefined) {
      // A participant on another client: joining the room is accepting the invitation.
      await chat.conversations.accept(from, event.conversationId);
      await chat.messages.send(
        from,
        event.conversationId,
        { text: event.text, clientId: event.id },
        archivedAt,
      );
      return;
    }
    const { conversation } = await chat.conversations.openIm(from, event.to);
    await chat.messages.send(from, conversation.id, { text: event.text, clientId: event.id }, archivedAt);
  };

  // One at a time, in the order the server sent them: history keeps that order.
  let queue = Promise.resolve();
  const stopIncoming = community.subscribe((event) => {
    queue = queue.then(() =>
      incoming(event).catch((error: unknown) =>
        log.info(
          { err: error, kind: event.kind, to: event.to },
          'a chat event from the community server was not taken',
        ),
      ),
    );
  });

  const stopOutgoing = chat.messages.relay.subscribe((relay) => {
    if (relay.kind === 'announcement') {
      community.sendHeadline(relay.from, relay.recipients, relay.text);
      return;
    }
    if (relay.kind === 'read') {
      const { conversation, from, readSeq } = relay;
      displayedMarker(store, conversation, from, readSeq)
        .then((marker) => marker && community.sendDisplayed(from, marker.to, marker.id))
        .catch((error: unknown) => log.info({ err: error }, 'no chat marker was sent'));
      return;
    }
    if (relay.kind === 'topic') {
      community.sendTopic(relay.from, relay.conversation.id, relay.topic);
      return;
    }
    if (relay.kind === 'left') {
      community.leaveGroup(relay.from, relay.conversation.id);
      return;
    }
    // Messages go out through the archive (Messages.send waits for the server to have them).
    if (relay.kind !== 'typing') return;
    if (relay.conversation.kind !== 'im') {
      community.sendGroupTyping(relay.from, relay.conversation.id, relay.typing);
      return;
    }
    const to = relay.conversation.participants.find((p) => p.id !== relay.from)?.id;
    if (to) community.sendTyping(relay.from, to, relay.typing);
  });
  chat.useArchive(community.archive);

  return () => {
    chat.useArchive(undefined);
    stopIncoming();
    stopOutgoing();
  };
}
