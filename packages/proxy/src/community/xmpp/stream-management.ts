/// <reference path="./xmpp-client.d.ts" />
import { type Client, type Element, xml } from '@xmpp/client';

const SM_NS = 'urn:xmpp:sm:3';
const STANZAS = new Set(['presence', 'message', 'iq']);

/**
 * Keeps @xmpp/client 0.14's stream-management count of received stanzas right. The library
 * resets its count when its promise for `<enabled/>` settles, a turn after the element arrived,
 * and it asks for `<enabled/>` only after the session is online, so stanzas that arrive in the
 * same read as `<enabled/>` (offline messages, archive results, presences) are miscounted;
 * Prosody then sees an `h` other than what it sent and ends the stream. Here the count is kept
 * apart from the library's own writes: every stanza since the last `<enabled/>`, as XEP-0198
 * defines it (it survives a resumption, and a new stream starts it again).
 */
export function countFromEnabled(xmpp: Client): void {
  const sm = xmpp.streamManagement as unknown as { inbound: number };
  let inbound = 0;
  Object.defineProperty(sm, 'inbound', {
    configurable: true,
    get: () => inbound,
    // The library's own increments and resets: the listener below keeps the count instead.
    set: () => {},
  });
  xmpp.on('element', (element: Element) => {
    if (element.is('enabled', SM_NS)) inbound = 0;
    else if (STANZAS.has(element.name)) inbound += 1;
  });
  xmpp.on('offline', () => {
    inbound = 0;
  });
}

/**
 * Acknowledges every stanza received before a clean close: without it Prosody bounces what it
 * sent since the last acknowledgement back to its senders as errors, though it was delivered.
 */
export async function acknowledgeAll(xmpp: Client): Promise<void> {
  const sm = xmpp.streamManagement as unknown as { enabled: boolean; inbound: number };
  if (!sm.enabled) return;
  await xmpp.send(xml('a', { xmlns: SM_NS, h: sm.inbound })).catch(() => {});
}
