/**
 * The community server: who is online and with what status, shared by everyone who watches.
 * The proxy talks to it only through this asynchronous interface, so the backend can be the
 * in-process one (`embedded.ts`, the default), one shared by several proxies, or a real chat server.
 *
 * What the proxy does with it:
 * - `setSessions(person, sessions)`: the kinds of live session this proxy holds for a person
 *   (idle or not, mobile or not). The proxy collapses identical sessions, so the list has at most
 *   four entries and changes only when the person's presence may change; an empty list means this
 *   proxy holds nothing live for them.
 * - `setStatus`: the status and message chosen by hand; it belongs to the person, not a session.
 * - `watch`/`unwatch`: the people whose changes this proxy wants to hear about. The proxy counts
 *   its own watchers, so 10,000 streams watching one person are one `watch` here; `watch`
 *   answers the current presence of the people it adds.
 * - `getPresence`: a bulk read for people who may not be watched.
 * - `onPresence`: changes of watched people's merged presence (merged with `mergePresence`).
 *
 * How other backends map onto it:
 * - **Redis, several proxies.** Each proxy writes its sessions to a hash per person
 *   (`st:sessions:<person>` → field `<proxy id>` = the session kinds, with a TTL the proxy refreshes
 *   so a dead proxy's sessions lapse) and the chosen status to `st:status:<person>`. After a write
 *   it merges the person's fields and, when the result differs from `st:presence:<person>`, stores it
 *   and PUBLISHes it on `st:presence:<person>`. `watch` is SUBSCRIBE (one per person per proxy,
 *   thanks to the proxy's reference counts) followed by a pipelined HMGET; `getPresence` is one
 *   pipelined read; `health` is PING.
 * - **XMPP (Prosody, ejabberd).** The proxy holds one component or bot connection; each person
 *   with live sessions is a resource `person@domain/st-<proxy>` whose `<presence/>` carries the
 *   merged kind (`<show>away</show>`, `xa` for not-using, `dnd`, a status message in `<status>`,
 *   mobile as a capability). `watch` sends presence probes and keeps a roster subscription,
 *   `onPresence` comes from incoming `<presence/>` stanzas, chosen statuses are private XML or PEP
 *   items, and `health` is the stream's liveness (XEP-0198/0199).
 */
import type { Presence, SessionPresence, SettableStatus } from '@st/protocol';
import type { MessageArchive } from '../chat/archive.ts';

/** What one kind of live session contributes; the chosen status is the person's, kept separately. */
export type SessionContribution = Pick<SessionPresence, 'idle' | 'mobile'>;

export type PresenceListener = (changes: readonly Presence[]) => void;

export interface CommunityHealth {
  ok: boolean;
  detail?: string;
}

export interface CommunityServer {
  start(): Promise<void>;
  /** Stops and releases everything; it must not notify listeners afterwards. */
  stop(): Promise<void>;
  health(): Promise<CommunityHealth>;
  setSessions(userId: string, sessions: readonly SessionContribution[]): Promise<void>;
  setStatus(userId: string, status: SettableStatus, message: string): Promise<void>;
  /** Starts hearing about these people and answers their current presence, in the order asked. */
  watch(userIds: readonly string[]): Promise<Presence[]>;
  unwatch(userIds: readonly string[]): Promise<void>;
  getPresence(userIds: readonly string[]): Promise<Presence[]>;
  /** Adds a listener for changes of watched people; returns the function that removes it. */
  onPresence(listener: PresenceListener): () => void;
  /**
   * The chat side, for a community server that carries chat itself (XMPP): messages and typing
   * between people here and people on other clients of the same server. Absent for the embedded
   * and Redis communities, whose chat is the proxy's own (chat/).
   */
  readonly chat?: CommunityChat;
  /**
   * Hears the backend coming back after it was unreachable (what it held may be gone; presence is
   * re-sent by the backend itself); returns the function that removes the listener.
   */
  onResync?(listener: () => void): () => void;
}

/** A chat event from the community server, addressed to a person with a login here. */
export type IncomingChat =
  | {
      kind: 'message';
      from: string;
      to: string;
      text: string;
      id: string;
      conversationId?: string;
      /** When the server archived it (a message kept for the person, or caught up from the archive). */
      sentAt?: number;
    }
  | { kind: 'typing'; from: string; to: string; typing: boolean; conversationId?: string }
  /** A room's new subject: the N-way conversation's topic. */
  | { kind: 'topic'; from: string; to: string; conversationId: string; topic: string }
  /**
   * A delivery receipt (XEP-0184) or chat marker (XEP-0333) from `from`'s client for the message
   * with XMPP id `id`: delivered, or `read` (displayed).
   */
  | { kind: 'receipt'; from: string; to: string; id: string; read: boolean };

/** Chat carried by the community server (docs/xmpp.md). */
export interface CommunityChat {
  /**
   * Where messages stored here go out and where their bodies live (the server's archive): the
   * store keeps a body only until the server has it.
   */
  readonly archive: MessageArchive;
  sendTyping(from: string, to: string, typing: boolean): void;
  /** Typing, a new topic, and leaving, in an N-way conversation's room. */
  sendGroupTyping(from: string, conversationId: string, typing: boolean): void;
  sendTopic(from: string, conversationId: string, topic: string | null): void;
  leaveGroup(from: string, conversationId: string): void;
  /** A chat marker (XEP-0333): `from` read up to the message `to` sent with XMPP id `id`. */
  sendDisplayed(from: string, to: string, id: string): void;
  /** An announcement, as a headline message to each recipient's other clients. */
  sendHeadline(from: string, recipients: readonly string[], text: string): void;
  /** Messages and typing from other clients to people here; returns the function that stops it. */
  subscribe(listener: (event: IncomingChat) => void): () => void;
}

/** Thrown when the backend cannot be reached; answered as ST_ERR_COMMUNITY_UNAVAILABLE. */
export class CommunityUnavailableError extends Error {
  override name = 'CommunityUnavailableError';
}
