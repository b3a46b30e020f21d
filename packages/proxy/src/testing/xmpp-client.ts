/// <reference path="../community/xmpp/xmpp-client.d.ts" />
/**
 * A person on a standard XMPP client, for tests: @xmpp/client used directly (not the proxy's
 * code), keeping every stanza so a test can wait for the one it expects.
 */
import { type Client, client, type Element, xml } from '@xmpp/client';
import { dropDataAfterClose } from '../community/xmpp/late-data.ts';
import { useFastScram } from '../community/xmpp/scram.ts';
import { acknowledgeAll, countFromEnabled } from '../community/xmpp/stream-management.ts';

export class XmppPerson {
  readonly stanzas: Element[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    readonly client: Client,
    readonly jid: string,
  ) {
    client.on('error', () => {});
    client.on('stanza', (stanza: Element) => {
      this.stanzas.push(stanza);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Signs in (SCRAM over loopback), asks for the roster and sends its first presence. */
  static async online(options: {
    port: number;
    domain: string;
    id: string;
    password: string;
    resource?: string;
  }): Promise<XmppPerson> {
    const c = client({
      service: `xmpp://127.0.0.1:${options.port}`,
      domain: options.domain,
      username: options.id,
      password: options.password,
      resource: options.resource ?? 'gajim',
    });
    c.reconnect.stop();
    // The same SCRAM-SHA-1, its salted password from node's PBKDF2 (thousands of sign-ins in a benchmark).
    useFastScram(c.saslFactory);
    // The same fix of @xmpp/client's stream-management counter as the proxy's (or Prosody drops us).
    countFromEnabled(c);
    dropDataAfterClose(c);
    const person = new XmppPerson(c, `${options.id}@${options.domain}`);
    await c.start();
    await c.iqCaller.request(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
    await c.send(xml('presence'));
    return person;
  }

  /** Waits for a stanza (received at index `from` or later) that matches. */
  async next(match: (stanza: Element) => boolean, from = 0): Promise<Element> {
    for (;;) {
      const found = this.stanzas.find((s, i) => i >= from && match(s));
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  send(stanza: Element): Promise<void> {
    return this.client.send(stanza);
  }

  async stop(): Promise<void> {
    await acknowledgeAll(this.client);
    await this.client.stop().catch(() => {});
  }
}

export { xml };
