/// <reference path="./xmpp-client.d.ts" />
/**
 * 1:1 chat as XMPP messages (docs/xmpp.md): `<message type="chat">` with a body (text only:
 * markup a client sends is text here, and ours is sent as text), chat states (XEP-0085) for
 * typing, a receipt request (XEP-0184), a chat marker (XEP-0333) and an origin id (XEP-0359),
 * whose value becomes the message's `clientId` so a copy seen twice is stored once.
 */
import { createHash } from 'node:crypto';
import { type Element, xml } from '@xmpp/client';
import type { IncomingChat } from '../types.ts';
import { OWN_RESOURCE_PREFIX } from './connection.ts';

export const CHAT_STATES = 'http://jabber.org/protocol/chatstates';
const STANZA_ID_NS = 'urn:xmpp:sid:0';
const RECEIPTS_NS = 'urn:xmpp:receipts';
const MARKERS_NS = 'urn:xmpp:chat-markers:0';
/** Our message ids travel as `clientId`s: printable ASCII without spaces, 64 at most. */
const CLIENT_ID = /^[!-~]{1,58}$/;
/** Messages that came from XMPP carry a `clientId` with this prefix (and are not sent back). */
export const XMPP_CLIENT_ID_PREFIX = 'xmpp-';

export function chatStanza(to: string, text: string, id: string): Element {
  return xml(
    'message',
    { type: 'chat', to, id },
    xml('body', {}, text),
    xml('active', { xmlns: CHAT_STATES }),
    xml('request', { xmlns: RECEIPTS_NS }),
    xml('markable', { xmlns: MARKERS_NS }),
    xml('origin-id', { xmlns: STANZA_ID_NS, id }),
  );
}

/** An announcement: a headline (RFC 6121 type "headline"; clients show it and keep no thread). */
export function headlineStanza(to: string, subject: string, text: string): Element {
  return xml('message', { type: 'headline', to }, xml('subject', {}, subject), xml('body', {}, text));
}

export function typingStanza(to: string, typing: boolean): Element {
  return xml('message', { type: 'chat', to }, xml(typing ? 'composing' : 'paused', { xmlns: CHAT_STATES }));
}

/** Read up to the message `id` (XEP-0333), kept by the server for `to`'s clients that are away. */
export function displayedStanza(to: string, id: string): Element {
  return xml(
    'message',
    { type: 'chat', to },
    xml('displayed', { xmlns: MARKERS_NS, id }),
    xml('store', { xmlns: 'urn:xmpp:hints' }),
  );
}

export function receiptStanza(to: string, id: string): Element {
  return xml('message', { to }, xml('received', { xmlns: RECEIPTS_NS, id }));
}

export function xmlIq(type: 'get' | 'set', name: string, xmlns: string): Element {
  return xml('iq', { type }, xml(name, { xmlns }));
}

/** The XMPP id of a message stored here (its origin id): the same for every retry of it. */
export function outgoingId(conversationId: string, seq: number): string {
  return `st-${conversationId}-${seq}`;
}

/** The `clientId` a message from XMPP is stored under: the same for every copy of it. */
export function clientIdOf(from: string, id: string): string {
  const tail = CLIENT_ID.test(id) ? id : createHash('sha256').update(id).digest('base64url').slice(0, 43);
  // Two senders may pick the same id: the sender is part of the store's uniqueness already.
  return `${XMPP_CLIENT_ID_PREFIX}${tail}`.slice(0, 64) || `${XMPP_CLIENT_ID_PREFIX}${from}`;
}

/** A message or chat state from another client, or undefined for anything else (or our own). */
export function readChat(
  stanza: Element,
  from: { local: string; resource: string },
  to: string,
): IncomingChat | undefined {
  // What this proxy (or another of its cluster) sent was delivered by the proxy already.
  if (from.resource.startsWith(OWN_RESOURCE_PREFIX)) return undefined;
  const type = stanza.attrs.type ?? 'normal';
  if (type !== 'chat' && type !== 'normal') return undefined;
  const body = stanza.getChildText('body');
  if (body !== null && body.trim() !== '') {
    const id =
      stanza.getChild('origin-id', STANZA_ID_NS)?.attrs.id ??
      stanza.attrs.id ??
      createHash('sha256').update(stanza.toString()).digest('base64url');
    // A message the server kept for the person says when it got it (XEP-0203).
    const stamp = Date.parse(stanza.getChild('delay', 'urn:xmpp:delay')?.attrs.stamp ?? '');
    const sentAt = Number.isNaN(stamp) ? undefined : stamp;
    return { kind: 'message', from: from.local, to, text: body, id: clientIdOf(from.local, id), sentAt };
  }
  const receipt = readReceipt(stanza);
  if (receipt) return { kind: 'receipt', from: from.local, to, ...receipt };
  const state = stanza.getChildElements().find((child) => child.attrs.xmlns === CHAT_STATES);
  if (!state) return undefined;
  return { kind: 'typing', from: from.local, to, typing: state.name === 'composing' };
}

/** A delivery receipt (XEP-0184) or a chat marker (XEP-0333): what it marks, and how far. */
function readReceipt(stanza: Element): { id: string; read: boolean } | undefined {
  const received = stanza.getChild('received', RECEIPTS_NS) ?? stanza.getChild('received', MARKERS_NS);
  const read = stanza.getChild('displayed', MARKERS_NS) ?? stanza.getChild('acknowledged', MARKERS_NS);
  const id = (read ?? received)?.attrs.id;
  return id ? { id, read: read !== undefined } : undefined;
}
