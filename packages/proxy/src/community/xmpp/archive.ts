/// <reference path="./xmpp-client.d.ts" />
/**
 * The XMPP server's archive (MAM, XEP-0313) as the message archive of chat (chat/archive.ts):
 * a message stored here goes out through its sender's session and counts as the server's once
 * the stream acknowledged it; bodies are read back from the reader's own archive (1:1, filtered
 * by the other person) or the conversation's room (N-way), in the time window of the messages
 * asked for, and matched to them by their XMPP ids: `st-<conversation>-<seq>` for what was sent
 * from here, the `clientId` of what came from XMPP.
 */
import type { Element } from '@xmpp/client';
import { archived, type MessageArchive } from '../../chat/archive.ts';
import type { StoredConversation, StoredMessage } from '../../store/chat-types.ts';
import { chatStanza, clientIdOf, outgoingId, XMPP_CLIENT_ID_PREFIX } from './chat-stanzas.ts';
import type { PersonConnection } from './connection.ts';
import type { ArchivedMessage, MamQueries } from './mam.ts';
import { roomOf } from './muc.ts';
import type { MucRooms } from './rooms.ts';

/** How far the archive's clock (and a message's arrival here) may be from the time stored here. */
const WINDOW_SLACK_MS = 10 * 60_000;
const SID_NS = 'urn:xmpp:sid:0';

export interface ArchiveSide {
  domain: string;
  mam: MamQueries;
  rooms: MucRooms;
  connectionOf(userId: string): PersonConnection | undefined;
  /** Whether the person has a session on this proxy (the others are on standard clients). */
  hasSession(userId: string): boolean;
}

/** The id a message of ours or from XMPP is known by, in the store and in the archive. */
function keyOf(message: StoredMessage): string {
  return message.clientId?.startsWith(XMPP_CLIENT_ID_PREFIX)
    ? message.clientId
    : outgoingId(message.conversationId, message.seq);
}

/** Every id an archived message may be known by here. */
function keysOf(result: ArchivedMessage): string[] {
  const { message } = result;
  const ids = [
    result.archiveId,
    message.attrs.id,
    message.getChild('origin-id', SID_NS)?.attrs.id,
    ...message.getChildren('stanza-id', SID_NS).map((s: Element) => s.attrs.id),
  ].filter((id): id is string => id !== undefined);
  return [...ids, ...ids.map((id) => clientIdOf('', id))];
}

export class XmppArchive implements MessageArchive {
  constructor(private readonly side: ArchiveSide) {}

  async deliver(conversation: StoredConversation, message: StoredMessage): Promise<boolean> {
    const connection = this.side.connectionOf(message.from.id);
    // Without a session (a login by single sign-on) the body stays here, the only copy.
    if (!connection) return false;
    const id = outgoingId(message.conversationId, message.seq);
    if (conversation.kind === 'im') {
      const to = conversation.participants.find((p) => p.id !== message.from.id)?.id;
      if (!to) return false;
      await connection.sendAcknowledged(chatStanza(`${to}@${this.side.domain}`, message.text, id));
      return true;
    }
    const away = conversation.participants
      .filter((p) => p.id !== message.from.id && (p.state === 'joined' || p.state === 'invited'))
      .map((p) => p.id)
      .filter((p) => !this.side.hasSession(p));
    await this.side.rooms.send(connection, conversation.id, away, message.text, id);
    return true;
  }

  async bodies(
    readerId: string,
    conversation: StoredConversation,
    messages: readonly StoredMessage[],
  ): Promise<StoredMessage[]> {
    const wanted = new Set(messages.filter(archived).map(keyOf));
    const found = new Map<string, string>();
    const source = this.source(readerId, conversation);
    if (wanted.size > 0 && source) {
      const times = messages.filter(archived).map((m) => m.sentAt);
      const filter = {
        ...source.filter,
        start: Math.min(...times) - WINDOW_SLACK_MS,
        end: Math.max(...times) + WINDOW_SLACK_MS,
      };
      await this.side.mam.forward(source.connection, filter, (results) => {
        for (const result of results) {
          const body = result.message.getChildText('body');
          if (body === null) continue;
          for (const key of keysOf(result)) if (wanted.has(key)) found.set(key, body);
        }
        return found.size < wanted.size;
      });
    }
    return messages.map((m) => (archived(m) ? { ...m, text: found.get(keyOf(m)) ?? '' } : m));
  }

  /** Whose archive to read, through which session: the reader's own, else a participant's. */
  private source(
    readerId: string,
    conversation: StoredConversation,
  ): { connection: PersonConnection; filter: { archive?: string; with?: string } } | undefined {
    const people = [readerId, ...conversation.participants.map((p) => p.id).filter((id) => id !== readerId)];
    if (conversation.kind !== 'im') {
      const connection = people.map((id) => this.side.connectionOf(id)).find((c) => c?.online);
      const archive = roomOf(conversation.id, this.side.rooms.mucDomain);
      return connection ? { connection, filter: { archive } } : undefined;
    }
    for (const id of people) {
      const connection = this.side.connectionOf(id);
      const other = conversation.participants.find((p) => p.id !== id)?.id;
      if (connection?.online && other) {
        return { connection, filter: { with: `${other}@${this.side.domain}` } };
      }
    }
    return undefined;
  }
}
