/**
 * The event stream. A login may have several streams (one per tab or device); each stream is a
 * session of its own for presence and replay. Every event carries `seq`, numbered per stream from 1
 * up by one; a client reconnects with its stream id and the last `seq` it saw and the proxy replays
 * what it missed, or answers `recovered: false` (then the client reloads a snapshot by watching
 * again).
 *
 * The same events travel over WebSocket (`/api/v1/ws`, one JSON text frame each), Server-Sent
 * Events (`/api/v1/events`, `id:` = seq, `event:` = type, `data:` = the JSON) and long-poll
 * (`/api/v1/poll`, a JSON array).
 */
import type { ContactGroup } from './api.ts';
import type { ChatEvent } from './chat.ts';
import type { ErrorCode } from './errors.ts';
import type { Presence } from './presence.ts';
import type { Preferences, PrivacyList } from './privacy-rules.ts';

/** Presence of people the session watches (and of the session's own user). */
export interface PresenceEvent {
  seq: number;
  type: 'presence';
  presence: Presence[];
}

/**
 * The person's whole contact list after any change to it (from any of their sessions), so other
 * tabs and devices follow. `groups` is the shape of `GET /api/v1/me/contacts`.
 */
export interface ContactsEvent {
  seq: number;
  type: 'contacts';
  groups: ContactGroup[];
}

/**
 * The person's privacy list after a change (from any of their sessions), so other tabs and
 * devices follow. `privacy` is the shape of `GET /api/v1/me/privacy`.
 */
export interface PrivacyEvent {
  seq: number;
  type: 'privacy';
  privacy: PrivacyList;
}

/** The person's preferences after a change that changed something: every preference, as `GET`. */
export interface PreferencesEvent {
  seq: number;
  type: 'preferences';
  preferences: Preferences;
}

/** Every sequenced event; the chat events are described in chat.ts. */
export type ServerEvent = PresenceEvent | ContactsEvent | PrivacyEvent | PreferencesEvent | ChatEvent;
export type ServerEventType = ServerEvent['type'];

/**
 * Control frames: not sequenced, never replayed.
 * - `hello` opens every stream: `seq` is the last event the proxy has for this session; when the
 *   client gave `since`, `recovered` says whether every event after it follows.
 * - `ack` answers a client frame that carried an `id`.
 * - `error` answers a bad client frame (with its `id` when it had one); the stream stays open.
 */
export interface HelloFrame {
  type: 'hello';
  /** This stream's id: pass it back as `stream` to resume it after a reconnect. */
  streamId: string;
  userId: string;
  seq: number;
  recovered: boolean;
  /** The server's heartbeat interval; the client treats twice this without a frame as a dead link. */
  heartbeatMs: number;
  limits: { watchIdsPerMessage: number; watchIdsPerSession: number };
}
export interface AckFrame {
  type: 'ack';
  id: number;
}
export interface ErrorFrame {
  type: 'error';
  id?: number;
  error: { code: ErrorCode; message: string };
}
/** Sent every `heartbeatMs` when nothing else was; the client need not answer. */
export interface PingFrame {
  type: 'ping';
}
export type ControlFrame = HelloFrame | AckFrame | ErrorFrame | PingFrame;
export type ServerFrame = ServerEvent | ControlFrame;

/** WebSocket subprotocols: always offer `st.v1`; a token travels as `st.bearer.<token>`. */
export const WS_PROTOCOL = 'st.v1';
export const WS_BEARER_PREFIX = 'st.bearer.';

/** HTTP header carrying the CSRF token on cookie-authenticated state changes. */
export const CSRF_HEADER = 'x-st-csrf';
/** Name of the session cookie. */
export const SESSION_COOKIE = 'st_session';
