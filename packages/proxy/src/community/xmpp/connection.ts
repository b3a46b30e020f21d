/// <reference path="./xmpp-client.d.ts" />
/**
 * One person's client-to-server XMPP session, held by the proxy for as long as the person is
 * logged in here (the connection-manager model of BOSH and WebSocket managers). It signs in with
 * the person's own password (SASL SCRAM; PLAIN only over TLS), keeps stream management (XEP-0198)
 * to ride out short drops, and reconnects by itself after a longer one (a restarted server).
 */
import { randomBytes } from 'node:crypto';
import { type Client, client, type Element, xml } from '@xmpp/client';
import { dropDataAfterClose } from './late-data.ts';
import { useFastScram } from './scram.ts';
import { XmppTls } from './settings.ts';
import { acknowledgeAll, countFromEnabled } from './stream-management.ts';

export interface XmppEndpoint {
  /** `xmpp://host:port` */
  service: string;
  domain: string;
  tls: XmppTls;
  /** Part of every resource this proxy binds, so its own traffic is recognised (`st-<node>-…`). */
  nodeId: string;
}

export interface ConnectionEvents {
  stanza(connection: PersonConnection, stanza: Element): void;
  /** Signed in (again): presence and carbons must be sent anew unless the stream was resumed. */
  online(connection: PersonConnection, resumed: boolean): void;
  offline(connection: PersonConnection): void;
}

/** The password was refused: the login fails, and nothing is retried. */
export class XmppAuthError extends Error {
  override name = 'XmppAuthError';
}

/** How long a broken stream waits before the next attempt (reconnecting never gives up). */
const RETRY_MS = 1000;

/** Every resource this proxy binds starts with this: messages from them are already delivered. */
export const OWN_RESOURCE_PREFIX = 'st-';

export function ownResource(nodeId: string): string {
  return `${OWN_RESOURCE_PREFIX}${nodeId.replace(/[^A-Za-z0-9.-]/g, '-')}-${randomBytes(4).toString('hex')}`;
}

function serviceUrl(endpoint: XmppEndpoint): string {
  // @xmpp/client speaks direct TLS for xmpps:// and StartTLS (when offered) for xmpp://.
  return endpoint.tls === XmppTls.Direct ? endpoint.service.replace(/^xmpp:/, 'xmpps:') : endpoint.service;
}

export class PersonConnection {
  readonly resource: string;
  private readonly xmpp: Client;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  online = false;
  /** The last presence sent on this stream (the server forgets it when the stream is new). */
  lastPresence: string | undefined;
  /** Stanzas waiting for the server's acknowledgement (XEP-0198), by the stanza sent. */
  private readonly unacknowledged = new Map<Element, { resolve(): void; reject(error: Error): void }>();

  constructor(
    readonly userId: string,
    /** Kept for reconnecting; a newer login's password replaces it once the server accepted it. */
    public password: string,
    private readonly endpoint: XmppEndpoint,
    private readonly events: ConnectionEvents,
  ) {
    this.resource = ownResource(endpoint.nodeId);
    this.xmpp = client({
      service: serviceUrl(endpoint),
      domain: endpoint.domain,
      resource: this.resource,
      credentials: (authenticate, mechanisms) =>
        // SCRAM whenever offered; PLAIN only over TLS (the server offers nothing else in the clear).
        authenticate(
          { username: userId, password: this.password },
          mechanisms.find((m) => m !== 'PLAIN') ?? (this.xmpp.isSecure() ? 'PLAIN' : ''),
        ),
    });
    useFastScram(this.xmpp.saslFactory);
    countFromEnabled(this.xmpp);
    dropDataAfterClose(this.xmpp);
    // Our own retry loop (below) covers refused connections too, which the stock one does not.
    this.xmpp.reconnect.stop();
    this.xmpp.streamManagement.requestAckInterval = 10_000;
    // A message waits for its acknowledgement before its sender hears back: ask at once.
    this.xmpp.streamManagement.requestAckDebounce = 0;
    this.xmpp.streamManagement.on('ack', (stanza: Element) => this.settle(stanza));
    this.xmpp.streamManagement.on('fail', (stanza: Element) =>
      this.settle(stanza, new Error('the XMPP stream ended before the server acknowledged the stanza')),
    );
    this.xmpp.on('error', () => {});
    this.xmpp.on('stanza', (stanza: Element) => this.events.stanza(this, stanza));
    this.xmpp.on('online', () => this.cameOnline(false));
    this.xmpp.streamManagement.on('resumed', () => this.cameOnline(true));
    this.xmpp.on('disconnect', () => this.wentOffline());
    this.xmpp.on('offline', () => this.wentOffline());
  }

  get jid(): string {
    return `${this.userId}@${this.endpoint.domain}/${this.resource}`;
  }

  /** Signs in; rejects with XmppAuthError for a wrong password, or the connection's error. */
  async start(): Promise<void> {
    try {
      await this.xmpp.start();
    } catch (error) {
      this.stopped = true;
      await this.xmpp.stop().catch(() => {});
      if ((error as Error).name === 'SASLError') throw new XmppAuthError((error as Error).message);
      throw error;
    }
    if (this.endpoint.tls !== XmppTls.Off && !this.xmpp.isSecure()) {
      await this.stop();
      throw new Error('the XMPP server offered no TLS (ST_XMPP_TLS asks for it)');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    if (this.online) await acknowledgeAll(this.xmpp);
    this.online = false;
    await this.xmpp.stop().catch(() => {});
    for (const stanza of [...this.unacknowledged.keys()])
      this.settle(stanza, new Error('the XMPP session ended'));
  }

  /** Sends when the stream is up; stanzas sent while it is down are dropped (presence is resent). */
  send(stanza: Element): void {
    if (!this.online) return;
    this.xmpp.send(stanza).catch(() => {});
  }

  /**
   * Sends and resolves once the server has handled the stanza: its stream-management
   * acknowledgement (XEP-0198), or without stream management the answer to a ping sent after it
   * (a server processes a client's stanzas in order, RFC 6120 §10.1). Rejects when the stream is
   * down, ends first, or nothing answers within `timeoutMs`.
   */
  sendAcknowledged(stanza: Element, timeoutMs = 10_000): Promise<void> {
    if (!this.online) return Promise.reject(new Error('the XMPP stream is down'));
    if (!this.xmpp.streamManagement.enabled) {
      return this.xmpp
        .send(stanza)
        .then(() =>
          this.request(xml('iq', { type: 'get' }, xml('ping', { xmlns: 'urn:xmpp:ping' })), timeoutMs),
        )
        .then(() => {});
    }
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => this.settle(stanza, new Error('the XMPP server did not acknowledge the stanza in time')),
        timeoutMs,
      );
      this.unacknowledged.set(stanza, {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.xmpp.send(stanza).catch((error: Error) => this.settle(stanza, error));
    });
  }

  private settle(stanza: Element, error?: Error): void {
    const waiter = this.unacknowledged.get(stanza);
    if (!waiter) return;
    this.unacknowledged.delete(stanza);
    if (error) waiter.reject(error);
    else waiter.resolve();
  }

  /** An IQ request over this person's stream; rejects on an error answer or a timeout. */
  request(stanza: Element, timeoutMs = 5000): Promise<Element> {
    return this.xmpp.iqCaller.request(stanza, timeoutMs);
  }

  private cameOnline(resumed: boolean): void {
    clearTimeout(this.retry);
    this.online = true;
    this.events.online(this, resumed);
  }

  private wentOffline(): void {
    if (this.online) {
      this.online = false;
      this.events.offline(this);
    }
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.reconnect(), RETRY_MS);
  }

  private async reconnect(): Promise<void> {
    if (this.stopped || this.online) return;
    try {
      const { service, domain } = this.xmpp.options as { service: string; domain: string };
      if (this.xmpp.status !== 'offline' && this.xmpp.status !== 'disconnect') await this.xmpp.disconnect();
      await this.xmpp.connect(service);
      await this.xmpp.open({ domain });
    } catch {
      if (!this.stopped && !this.online) {
        clearTimeout(this.retry);
        this.retry = setTimeout(() => this.reconnect(), RETRY_MS);
      }
    }
  }
}
