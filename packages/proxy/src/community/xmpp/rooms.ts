/// <reference path="./xmpp-client.d.ts" />
/**
 * The MUC side of the XMPP community (muc.ts has the stanzas): who is behind each nick of the
 * rooms our sessions are in, which rooms each person here has joined, and room messages from
 * other clients turned into chat events for the conversation the room stands for.
 */
import { type Element, xml } from '@xmpp/client';
import type { IncomingChat } from '../types.ts';
import { CHAT_STATES, clientIdOf } from './chat-stanzas.ts';
import { OWN_RESOURCE_PREFIX, type PersonConnection } from './connection.ts';
import { localOf, splitOnce } from './jids.ts';
import {
  conversationOfRoom,
  groupMessageStanza,
  groupTypingStanza,
  inviteStanza,
  joinRoom,
  MUC_USER_NS,
  roomOf,
  subjectStanza,
} from './muc.ts';

/** How long joining a room may take before the message waiting for it is given up. */
const JOIN_TIMEOUT_MS = 5000;

export class MucRooms {
  /** Who is behind each nick (rooms are non-anonymous), by room. */
  private readonly occupants = new Map<string, Map<string, string>>();
  /** Rooms each person here has joined (or is joining), by `<person> <room>`. */
  private readonly joined = new Map<string, Promise<void>>();
  private readonly selfWaiters = new Map<string, (presence: Element) => void>();

  constructor(private readonly domain: string) {}

  get mucDomain(): string {
    return `conference.${this.domain}`;
  }

  isRoomJid(jid: string | undefined): boolean {
    return jid?.includes(`@${this.mucDomain}/`) === true;
  }

  /** The person's stream is new: the server forgot which rooms they were in. */
  forget(userId: string): void {
    for (const key of this.joined.keys()) if (key.startsWith(`${userId} `)) this.joined.delete(key);
  }

  receivedOccupant(stanza: Element): void {
    const [room, nick] = splitOnce(stanza.attrs.from ?? '', '/');
    const x = stanza.getChild('x', MUC_USER_NS);
    const real = x?.getChild('item')?.attrs.jid;
    let occupants = this.occupants.get(room);
    if (stanza.attrs.type === 'unavailable') occupants?.delete(nick);
    else if (real) {
      if (!occupants) {
        occupants = new Map();
        this.occupants.set(room, occupants);
      }
      occupants.set(nick, real);
    }
    if (x?.getChildren('status').some((s) => s.attrs.code === '110')) {
      const key = `${room}/${nick}`;
      this.selfWaiters.get(key)?.(stanza);
      this.selfWaiters.delete(key);
    }
  }

  /** A room message, chat state or subject from another client, as a chat event for `to`. */
  readGroupMessage(stanza: Element, to: string): IncomingChat | undefined {
    const [room, nick] = splitOnce(stanza.attrs.from ?? '', '/');
    const conversationId = conversationOfRoom(room);
    const sender = localOf(this.occupants.get(room)?.get(nick), this.domain);
    if (!conversationId || !sender) return undefined;
    // Our own (from any proxy of the cluster) were posted by the proxy itself.
    if (sender.resource.startsWith(OWN_RESOURCE_PREFIX)) return undefined;
    const text = stanza.getChildText('body');
    if (text === null || text.trim() === '') {
      const subject = stanza.getChildText('subject');
      if (subject !== null) return { kind: 'topic', from: sender.local, to, conversationId, topic: subject };
      const state = stanza.getChildElements().find((child) => child.attrs.xmlns === CHAT_STATES);
      if (!state) return undefined;
      return { kind: 'typing', from: sender.local, to, typing: state.name === 'composing', conversationId };
    }
    const id =
      stanza.getChildren('stanza-id', 'urn:xmpp:sid:0').find((s) => s.attrs.by === room)?.attrs.id ??
      stanza.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id ??
      stanza.attrs.id ??
      `${room}/${nick}/${text}`;
    return {
      kind: 'message',
      from: sender.local,
      to,
      text,
      id: clientIdOf(sender.local, id),
      conversationId,
    };
  }

  /**
   * Writes to the conversation's room from `connection` (joining it first), inviting the
   * participants `away` from this proxy when the person joins; resolves once the server has it.
   */
  async send(
    connection: PersonConnection,
    conversationId: string,
    away: readonly string[],
    text: string,
    id: string,
  ): Promise<void> {
    const room = await this.join(connection, conversationId, away);
    await connection.sendAcknowledged(groupMessageStanza(room, text, id));
  }

  /** A new topic, as the room's subject (joining it first). */
  async setSubject(
    connection: PersonConnection,
    conversationId: string,
    topic: string | null,
  ): Promise<void> {
    const room = await this.join(connection, conversationId, []);
    connection.send(subjectStanza(room, topic ?? ''));
  }

  /** Typing in a room the person has joined (nobody joins a room to say they are typing). */
  sendTyping(connection: PersonConnection, conversationId: string, typing: boolean): void {
    const room = roomOf(conversationId, this.mucDomain);
    if (this.joined.has(`${connection.userId} ${room}`)) connection.send(groupTypingStanza(room, typing));
  }

  /** The person left the conversation: they leave its room. */
  leave(connection: PersonConnection, conversationId: string): void {
    const room = roomOf(conversationId, this.mucDomain);
    const key = `${connection.userId} ${room}`;
    if (!this.joined.delete(key)) return;
    connection.send(xml('presence', { to: `${room}/${connection.userId}`, type: 'unavailable' }));
  }

  private async join(connection: PersonConnection, conversationId: string, away: readonly string[]) {
    const room = roomOf(conversationId, this.mucDomain);
    const key = `${connection.userId} ${room}`;
    let joined = this.joined.get(key);
    if (!joined) {
      const joining = joinRoom(connection, room, connection.userId, this.waitForSelf).then(() => {
        // A standard client shows the invitation and joins.
        if (away.length > 0)
          connection.send(
            inviteStanza(
              room,
              away.map((p) => `${p}@${this.domain}`),
            ),
          );
      });
      this.joined.set(key, joining);
      joining.catch(() => this.joined.delete(key));
      joined = joining;
    }
    await joined;
    return room;
  }

  private waitForSelf = (room: string, nick: string): Promise<Element> =>
    new Promise((resolve, reject) => {
      const key = `${room}/${nick}`;
      const timer = setTimeout(() => {
        this.selfWaiters.delete(key);
        reject(new Error(`no answer from ${room}`));
      }, JOIN_TIMEOUT_MS);
      this.selfWaiters.set(key, (presence) => {
        clearTimeout(timer);
        resolve(presence);
      });
    });
}
