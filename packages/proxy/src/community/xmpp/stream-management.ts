/// <reference path="./xmpp-client.d.ts" />
/**
 * Keeps @xmpp/client 0.14's stream-management counter right. The library resets its count of
 * received stanzas when its promise for `<enabled/>` settles, a turn after the element arrived,
 * so stanzas in the same read (a roster push, presences) are forgotten; Prosody then sees an `h`
 * lower than what it sent and ends the stream. Here the count restarts at the `<enabled/>` itself.
 */
import { type Client, type Element, xml } from '@xmpp/client';

const SM_NS = 'urn:xmpp:sm:3';
const STANZAS = new Set(['presence', 'message', 'iq']);

export function countFromEnabled(xmpp: Client): void {
  const sm = xmpp.streamManagement as unknown as { inbound: number };
  let inbound = 0;
  /** Stanzas received since the last `<enabled/>`, until the library's late reset takes them. */
  let sinceEnabled: number | undefined;
  Object.defineProperty(sm, 'inbound', {
    configurable: true,
    get: () => inbound,
    set: (value: number) => {
      if (value === 0 && sinceEnabled !== undefined) {
        inbound = sinceEnabled;
        sinceEnabled = undefined;
      } else {
        inbound = value;
      }
    },
  });
  xmpp.on('element', (element: Element) => {
    if (element.is('enabled', SM_NS)) sinceEnabled = 0;
    else if (sinceEnabled !== undefined && STANZAS.has(element.name)) sinceEnabled += 1;
  });
  xmpp.on('offline', () => {
    sinceEnabled = undefined;
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
