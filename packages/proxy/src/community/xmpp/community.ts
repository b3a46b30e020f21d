/// <reference path="./xmpp-client.d.ts" />
/**
 * The community server as a real XMPP server (Prosody, ejabberd): this proxy is a connection
 * manager in front of it. Each person logged in here has one client-to-server session
 * (connection.ts) that carries their merged presence out and brings in what the server says
 * about everyone in their roster (shared groups), their 1:1 messages and chat states.
 * Presence people see is what the server says, merged over each person's resources
 * (presence-stanzas.ts): people here and on standard XMPP clients are told apart by nothing.
 */
import { connect } from 'node:net';
import { mergePresence, type Presence, type PrivacyList, type SettableStatus, Status } from '@st/protocol';
import type { Element } from '@xmpp/client';
import { Listeners } from '../../listeners.ts';
import type { ChosenStatusStore } from '../../store/types.ts';
import { type ChosenStatus, StatusStore } from '../status-store.ts';
import type {
  CommunityChat,
  CommunityHealth,
  CommunityServer,
  IncomingChat,
  PresenceListener,
  SessionContribution,
} from '../types.ts';
import { XmppArchive } from './archive.ts';
import { blockedBy, syncBlocklist } from './blocking.ts';
import { archivedSince } from './catch-up.ts';
import {
  displayedStanza,
  headlineStanza,
  readChat,
  receiptStanza,
  typingStanza,
  xmlIq,
} from './chat-stanzas.ts';
import { PersonConnection, XmppAuthError, type XmppEndpoint } from './connection.ts';
import { localOf } from './jids.ts';
import { MamQueries } from './mam.ts';
import { presenceStanza } from './presence-stanzas.ts';
import { PresenceView } from './presence-view.ts';
import { MucRooms } from './rooms.ts';

const DEFAULT_STATUS: ChosenStatus = { status: Status.Available, message: '' };
const CARBONS_NS = 'urn:xmpp:carbons:2';
/** How long a "the server accepts connections" answer is trusted by health(). */
const PROBE_TTL_MS = 1000;

export interface XmppCommunityOptions extends XmppEndpoint {
  /** Where chosen statuses survive a restart (the proxy's store). */
  statuses?: ChosenStatusStore | undefined;
  /** When the newest message the proxy stored for the person was sent (where catch-up starts). */
  lastMessageAt?: ((userId: string) => Promise<number | undefined>) | undefined;
  log: { warn(object: object, message: string): void; info(object: object, message: string): void };
}

export class XmppCommunity implements CommunityServer, CommunityChat {
  readonly chat: CommunityChat = this;
  readonly archive: XmppArchive;
  private readonly mam = new MamQueries();
  private readonly connections = new Map<string, PersonConnection>();
  private readonly sessions = new Map<string, readonly SessionContribution[]>();
  private chosen = new Map<string, ChosenStatus>();
  private readonly view: PresenceView;
  private readonly rooms: MucRooms;
  private readonly chatListeners = new Listeners<[IncomingChat]>();
  private readonly resyncListeners = new Listeners<[]>();
  /** A person's session started anew (what the server keeps for it may need setting again). */
  readonly sessionStarts = new Listeners<[userId: string]>();
  private readonly store: StatusStore;
  private readonly host: string;
  private readonly port: number;
  private probe: { at: number; ok: boolean } | undefined;
  private running = false;
  /** Every stream was down: the next one up is a resync. */
  private wasDown = false;

  constructor(private readonly options: XmppCommunityOptions) {
    this.store = new StatusStore(options.statuses, (userId) => this.chosen.get(userId));
    this.view = new PresenceView(options.domain);
    this.rooms = new MucRooms(options.domain);
    this.archive = new XmppArchive({
      domain: options.domain,
      mam: this.mam,
      rooms: this.rooms,
      connectionOf: (userId) => this.connections.get(userId),
      hasSession: (userId) => this.connections.has(userId),
    });
    const url = new URL(options.service);
    this.host = url.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(url.port || (options.tls === 'direct' ? 5223 : 5222));
  }

  get domain(): string {
    return this.options.domain;
  }

  async start(): Promise<void> {
    this.chosen = await this.store.load();
    this.running = true;
    this.view.quiet = false;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.view.quiet = true;
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((c) => c.stop()));
    await this.store.flush();
  }

  /**
   * Signs the person in to the XMPP server with their password and keeps that session for their
   * logins here. Answers false for a wrong password; throws when the server cannot be reached.
   */
  async signIn(userId: string, password: string): Promise<boolean> {
    const connection = new PersonConnection(userId, password, this.options, {
      stanza: (c, stanza) => this.received(c, stanza),
      online: (c, resumed) => this.cameOnline(c, resumed),
      offline: () => this.wentOffline(),
    });
    try {
      await connection.start();
    } catch (error) {
      if (error instanceof XmppAuthError) return false;
      throw error;
    }
    const current = this.connections.get(userId);
    if (!this.running || current?.online) {
      // The password is right. A session that is up stays (closing it could bounce stanzas in
      // flight back to their senders as errors); it reconnects with the newest password.
      if (current) current.password = password;
      await connection.stop();
      return true;
    }
    this.connections.set(userId, connection);
    this.publish(userId);
    if (current) await current.stop();
    return true;
  }

  /** The person has no login here any more: their session ends (their resource goes offline). */
  async release(userId: string): Promise<void> {
    const connection = this.connections.get(userId);
    this.connections.delete(userId);
    await connection?.stop();
  }

  /** The person's own session, for requests made in their name (roster, vCard). */
  connectionOf(userId: string): PersonConnection | undefined {
    return this.connections.get(userId);
  }

  /** Any session that is online, for requests anyone may make (another person's vCard). */
  anyConnection(): PersonConnection | undefined {
    for (const connection of this.connections.values()) if (connection.online) return connection;
    return undefined;
  }

  async health(): Promise<CommunityHealth> {
    if (!this.running) return { ok: false, detail: 'not running' };
    if (this.anyConnection()) return { ok: true };
    // Nobody is signed in (or every stream is down): ask whether the server accepts connections.
    const now = Date.now();
    if (!this.probe || now - this.probe.at > PROBE_TTL_MS) {
      this.probe = { at: now, ok: await this.accepts() };
    }
    return this.probe.ok ? { ok: true } : { ok: false, detail: 'the XMPP server cannot be reached' };
  }

  private accepts(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect({ host: this.host, port: this.port });
      socket.setTimeout(1000, () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }

  /** This proxy's sessions of the person, merged with their chosen status. */
  private ownPresence(userId: string): Presence {
    const sessions = this.sessions.get(userId) ?? [];
    const { status, message } = this.chosen.get(userId) ?? DEFAULT_STATUS;
    return mergePresence(
      userId,
      message,
      sessions.map((s) => ({ chosen: status, idle: s.idle, mobile: s.mobile })),
    );
  }

  /** Sends the person's presence from this proxy when it changed (or after a fresh sign-in). */
  private publish(userId: string, force = false): void {
    const connection = this.connections.get(userId);
    if (!connection?.online) return;
    const presence = this.ownPresence(userId);
    const stanza = presenceStanza(presence);
    const text = stanza.toString();
    const before = connection.lastPresence;
    // Never announce "unavailable" for a session that said nothing yet: it would be an odd first word.
    if (!force && text === before) return;
    if (before === undefined && presence.status === Status.Offline) return;
    connection.lastPresence = text;
    connection.send(stanza);
  }

  async setSessions(userId: string, sessions: readonly SessionContribution[]): Promise<void> {
    if (sessions.length === 0) this.sessions.delete(userId);
    else this.sessions.set(userId, sessions);
    this.publish(userId);
  }

  async setStatus(userId: string, status: SettableStatus, message: string): Promise<void> {
    if (status === Status.Available && message === '') this.chosen.delete(userId);
    else this.chosen.set(userId, { status, message });
    this.store.changed(userId);
    this.publish(userId);
  }

  async watch(userIds: readonly string[]): Promise<Presence[]> {
    return this.view.watch(userIds);
  }

  async unwatch(userIds: readonly string[]): Promise<void> {
    this.view.unwatch(userIds);
  }

  async getPresence(userIds: readonly string[]): Promise<Presence[]> {
    return userIds.map((id) => this.view.presenceOf(id));
  }

  onPresence(listener: PresenceListener): () => void {
    return this.view.listeners.subscribe(listener);
  }

  onResync(listener: () => void): () => void {
    return this.resyncListeners.subscribe(listener);
  }

  private received(connection: PersonConnection, stanza: Element): void {
    if (stanza.is('presence')) {
      if (this.rooms.isRoomJid(stanza.attrs.from)) this.rooms.receivedOccupant(stanza);
      else this.view.received(stanza);
    } else if (stanza.is('message') && !this.mam.take(stanza)) {
      this.receivedMessage(connection, stanza);
    }
  }

  private receivedMessage(connection: PersonConnection, stanza: Element): void {
    if (stanza.attrs.type === 'groupchat') {
      const event = this.rooms.readGroupMessage(stanza, connection.userId);
      if (event) this.chatListeners.emit(event);
      return;
    }
    const carbon = stanza.getChild('received', CARBONS_NS) ?? stanza.getChild('sent', CARBONS_NS);
    if (carbon) {
      // Only the person's own server may hand out copies of their messages (XEP-0280 §11).
      if (stanza.attrs.from !== `${connection.userId}@${this.options.domain}`) return;
      const inner = carbon.getChild('forwarded', 'urn:xmpp:forward:0')?.getChild('message', 'jabber:client');
      if (inner) this.receivedMessage(connection, inner);
      return;
    }
    const from = localOf(stanza.attrs.from, this.options.domain);
    const to = localOf(stanza.attrs.to, this.options.domain);
    if (!from || !to) return;
    const event = readChat(stanza, from, to.local);
    if (!event) return;
    if (event.kind === 'message' && stanza.getChild('request', 'urn:xmpp:receipts') && stanza.attrs.id) {
      connection.send(receiptStanza(stanza.attrs.from!, stanza.attrs.id));
    }
    this.chatListeners.emit(event);
  }

  private cameOnline(connection: PersonConnection, resumed: boolean): void {
    if (resumed) return;
    // A new stream: the server forgot this resource's presence, carbons and rooms.
    this.rooms.forget(connection.userId);
    connection.lastPresence = undefined;
    if (this.connections.get(connection.userId) === connection) this.publish(connection.userId, true);
    connection
      .request(xmlIq('set', 'enable', CARBONS_NS))
      .catch((error: unknown) =>
        this.options.log.warn({ err: error, userId: connection.userId }, 'carbons were refused'),
      );
    this.sessionStarts.emit(connection.userId);
    this.catchUp(connection).catch((error: unknown) =>
      this.options.log.warn({ err: error, userId: connection.userId }, 'the archive could not be caught up'),
    );
    if (this.wasDown) {
      this.wasDown = false;
      this.resyncListeners.emit();
    }
  }

  /**
   * A new stream: what reached the person's other clients (or waited on the server) while no
   * session was here comes from their archive; what is stored here already is not stored twice.
   */
  private async catchUp(connection: PersonConnection): Promise<void> {
    const since = await this.options.lastMessageAt?.(connection.userId);
    const results = await archivedSince(this.mam, connection, since);
    for (const { message, stamp } of results) {
      if (message.attrs.type === 'groupchat') continue;
      const from = localOf(message.attrs.from, this.options.domain);
      const to = localOf(message.attrs.to, this.options.domain);
      if (!from || !to) continue;
      const event = readChat(message, from, to.local);
      if (event?.kind === 'message') this.chatListeners.emit({ ...event, sentAt: stamp });
    }
  }

  private wentOffline(): void {
    if (this.anyConnection()) return;
    // Every stream is down (the server restarts): what it told us is unknown until it comes back.
    this.wasDown = true;
    this.view.clear();
  }

  sendTyping(from: string, to: string, typing: boolean): void {
    this.connections.get(from)?.send(typingStanza(`${to}@${this.options.domain}`, typing));
  }

  /** Mirrors the person's privacy list as their blocklist on the server (blocking.ts). */
  async setBlocklist(userId: string, list: PrivacyList): Promise<void> {
    const connection = this.connections.get(userId);
    if (!connection?.online) return;
    await syncBlocklist(connection, blockedBy(list, this.options.domain), this.options.domain);
  }

  sendGroupTyping(from: string, conversationId: string, typing: boolean): void {
    const connection = this.connections.get(from);
    if (connection?.online) this.rooms.sendTyping(connection, conversationId, typing);
  }

  sendTopic(from: string, conversationId: string, topic: string | null): void {
    const connection = this.connections.get(from);
    if (!connection?.online) return;
    this.rooms
      .setSubject(connection, conversationId, topic)
      .catch((error: unknown) =>
        this.options.log.warn({ err: error, conversationId }, 'the room kept its subject'),
      );
  }

  leaveGroup(from: string, conversationId: string): void {
    const connection = this.connections.get(from);
    if (connection?.online) this.rooms.leave(connection, conversationId);
  }

  sendDisplayed(from: string, to: string, id: string): void {
    this.connections.get(from)?.send(displayedStanza(`${to}@${this.options.domain}`, id));
  }

  sendHeadline(from: string, recipients: readonly string[], text: string): void {
    const connection = this.connections.get(from);
    for (const to of recipients) {
      connection?.send(headlineStanza(`${to}@${this.options.domain}`, `Announcement from ${from}`, text));
    }
  }

  subscribe(listener: (event: IncomingChat) => void): () => void {
    return this.chatListeners.subscribe(listener);
  }
}
