/// <reference path="./xmpp-client.d.ts" />
/**
 * A person's privacy list mirrored as their XMPP blocklist (XEP-0191), so standard clients and
 * the server itself keep hidden people away too; the proxy enforces the list regardless. A list
 * of people hidden from ("everybody except") is a blocklist of those people; a list of the only
 * people allowed ("only these") has no blocklist form (XEP-0191 blocks, it cannot allow), so it
 * leaves no block of this domain in place. Only JIDs of the community's domain are managed: a
 * block the person set elsewhere on someone of another server stays.
 */

import { type PrivacyList, PrivacyMode } from '@st/protocol';
import { type Element, xml } from '@xmpp/client';
import type { PersonConnection } from './connection.ts';

const BLOCKING_NS = 'urn:xmpp:blocking';

/** The bare JIDs a privacy list blocks. */
export function blockedBy(list: PrivacyList, domain: string): Set<string> {
  if (list.mode !== PrivacyMode.EverybodyExcept) return new Set();
  return new Set(list.people.map((id) => `${id.toLowerCase()}@${domain}`));
}

function items(jids: Iterable<string>): Element[] {
  return [...jids].map((jid) => xml('item', { jid }));
}

/** Brings the person's blocklist of `domain` to `wanted`: blocks what is new, unblocks the rest. */
export async function syncBlocklist(
  connection: PersonConnection,
  wanted: ReadonlySet<string>,
  domain: string,
): Promise<void> {
  const answer = await connection.request(
    xml('iq', { type: 'get' }, xml('blocklist', { xmlns: BLOCKING_NS })),
  );
  const current = new Set(
    (answer.getChild('blocklist', BLOCKING_NS)?.getChildren('item') ?? [])
      .map((item: Element) => item.attrs.jid?.toLowerCase())
      .filter((jid): jid is string => jid?.endsWith(`@${domain}`) === true),
  );
  const block = [...wanted].filter((jid) => !current.has(jid));
  const unblock = [...current].filter((jid) => !wanted.has(jid));
  if (block.length > 0) {
    await connection.request(
      xml('iq', { type: 'set' }, xml('block', { xmlns: BLOCKING_NS }, ...items(block))),
    );
  }
  if (unblock.length > 0) {
    await connection.request(
      xml('iq', { type: 'set' }, xml('unblock', { xmlns: BLOCKING_NS }, ...items(unblock))),
    );
  }
}
