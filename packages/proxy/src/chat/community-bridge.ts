/**
 * Chat between people here and people on other clients of a community server that carries chat
 * (XMPP): what arrives from the server is posted here in the sender's name (stored once: its
 * XMPP id becomes the `clientId`), and what is stored here goes out through the sender's session.
 * Privacy holds as for any message: someone hidden from the sender cannot be written to.
 */
import type { UserSummary } from '@st/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { CommunityChat, IncomingChat } from '../community/types.ts';
import { XMPP_CLIENT_ID_PREFIX } from '../community/xmpp/chat-stanzas.ts';
import type { Directory } from '../directory/types.ts';
import type { Chat } from './chat.ts';
import { imConversationId } from './ids.ts';

export function bridgeChat(parts: {
  chat: Chat;
  community: CommunityChat;
  directory: Directory;
  log: FastifyBaseLogger;
}): () => void {
  const { chat, community, directory, log } = parts;

  const personOf = async (id: string): Promise<UserSummary> => {
    const [card] = await directory.getPeople([id]).catch(() => []);
    return { id: card?.id ?? id, displayName: card?.displayName ?? id };
  };

  const incoming = async (event: IncomingChat) => {
    const from = await personOf(event.from);
    if (event.kind === 'typing') {
      await chat.messages.setTyping(from, imConversationId(event.from, event.to), event.typing);
      return;
    }
    if (event.conversationId !== undefined) {
      // A participant on another client: joining the room is accepting the invitation.
      await chat.conversations.accept(from, event.conversationId);
      await chat.messages.send(from, event.conversationId, { text: event.text, clientId: event.id });
      return;
    }
    const { conversation } = await chat.conversations.openIm(from, event.to);
    await chat.messages.send(from, conversation.id, { text: event.text, clientId: event.id });
  };

  const stopIncoming = community.subscribe((event) => {
    incoming(event).catch((error: unknown) =>
      log.info(
        { err: error, kind: event.kind, to: event.to },
        'a chat event from the community server was not taken',
      ),
    );
  });

  const stopOutgoing = chat.messages.relay.subscribe((relay) => {
    if (relay.kind === 'announcement') {
      community.sendHeadline(relay.from, relay.recipients, relay.text);
      return;
    }
    if (relay.kind === 'message' && relay.conversation.kind !== 'im') {
      const { message, conversation } = relay;
      if (message.clientId?.startsWith(XMPP_CLIENT_ID_PREFIX)) return;
      const participants = conversation.participants
        .filter((p) => p.state === 'joined' || p.state === 'invited')
        .map((p) => p.id);
      community.sendGroupMessage(
        message.from.id,
        conversation.id,
        participants,
        message.text,
        `st-${message.conversationId}-${message.seq}`,
      );
      return;
    }
    if (relay.conversation.kind !== 'im') return;
    const from = relay.kind === 'message' ? relay.message.from.id : relay.from;
    const to = relay.conversation.participants.find((p) => p.id !== from)?.id;
    if (!to) return;
    if (relay.kind === 'typing') {
      community.sendTyping(from, to, relay.typing);
      return;
    }
    const { message } = relay;
    // What came from the server is there already.
    if (message.clientId?.startsWith(XMPP_CLIENT_ID_PREFIX)) return;
    community.sendMessage(from, to, message.text, `st-${message.conversationId}-${message.seq}`);
  });

  return () => {
    stopIncoming();
    stopOutgoing();
  };
}
