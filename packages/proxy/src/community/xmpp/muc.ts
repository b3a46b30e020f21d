/// <reference path="./xmpp-client.d.ts" />
/**
 * N-way conversations as MUC rooms (XEP-0045) on `conference.<domain>`: the room of a
 * conversation is its id in hex (room names are case-insensitive; ids are not). A person here
 * who writes to the conversation joins its room (nick = their id, no history replayed: the proxy
 * has it), the room is configured as an instant room (non-anonymous, persistent and archived, as
 * the server's defaults for the room set them), and participants who are not on this proxy get a
 * mediated invitation, so a standard client joins and sees the conversation.
 */
import { type Element, xml } from '@xmpp/client';
import type { PersonConnection } from './connection.ts';

export const MUC_NS = 'http://jabber.org/protocol/muc';
export const MUC_USER_NS = 'http://jabber.org/protocol/muc#user';
const MUC_OWNER_NS = 'http://jabber.org/protocol/muc#owner';

export function roomOf(conversationId: string, mucDomain: string): string {
  return `${Buffer.from(conversationId, 'utf8').toString('hex')}@${mucDomain}`;
}

export function conversationOfRoom(room: string): string | undefined {
  const local = room.split('@')[0] ?? '';
  if (!/^([0-9a-f]{2})+$/.test(local)) return undefined;
  return Buffer.from(local, 'hex').toString('utf8');
}

/** Joins the room (creating it as an instant room when new); resolves once the server says we are in. */
export async function joinRoom(
  connection: PersonConnection,
  room: string,
  nick: string,
  waitForSelf: (room: string, nick: string) => Promise<Element>,
): Promise<void> {
  const joined = waitForSelf(room, nick);
  connection.send(
    xml(
      'presence',
      { to: `${room}/${nick}` },
      xml('x', { xmlns: MUC_NS }, xml('history', { maxstanzas: '0' })),
    ),
  );
  const self = await joined;
  const created = self
    .getChild('x', MUC_USER_NS)
    ?.getChildren('status')
    .some((s) => s.attrs.code === '201');
  if (created) {
    await connection.request(
      xml(
        'iq',
        { type: 'set', to: room },
        xml('query', { xmlns: MUC_OWNER_NS }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' })),
      ),
    );
  }
}

export function inviteStanza(room: string, invitees: readonly string[]): Element {
  return xml(
    'message',
    { to: room },
    xml('x', { xmlns: MUC_USER_NS }, ...invitees.map((to) => xml('invite', { to }))),
  );
}

export function groupMessageStanza(room: string, text: string, id: string): Element {
  return xml(
    'message',
    { type: 'groupchat', to: room, id },
    xml('body', {}, text),
    xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id }),
  );
}

/** The room's subject: the conversation's topic (an empty one clears it). */
export function subjectStanza(room: string, subject: string): Element {
  return xml('message', { type: 'groupchat', to: room }, xml('subject', {}, subject));
}

export function groupTypingStanza(room: string, typing: boolean): Element {
  return xml(
    'message',
    { type: 'groupchat', to: room },
    xml(typing ? 'composing' : 'paused', { xmlns: 'http://jabber.org/protocol/chatstates' }),
  );
}
