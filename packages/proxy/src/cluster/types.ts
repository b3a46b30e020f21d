/**
 * The seams between one proxy and the others of its cluster. Each has an embedded implementation
 * (one proxy: nothing to share, and nothing on the hot path costs more than before) and a Redis
 * one (redis/). backends.ts chooses them from the settings, in one place.
 */
import type { NodeState, StreamCounts, UserSummary } from '@st/protocol';

/** A login as every proxy of the cluster can find it by its token. */
export interface SharedLogin {
  user: UserSummary;
  csrfToken: string;
  mobile: boolean;
  foreground: boolean;
  /** Epoch ms. */
  expiresAt: number;
  /** When the person logged in (epoch ms; absent in logins saved by older proxies). */
  createdAt?: number;
  /** The User-Agent of the login request, cut short (for the System Console). */
  userAgent?: string;
}

/** Where logins live beyond this proxy's memory (none for one proxy: its memory is enough). */
export interface SessionStore {
  save(token: string, login: SharedLogin): Promise<void>;
  /** The login of a token, or null when unknown or expired. */
  load(token: string): Promise<SharedLogin | null>;
  /**
   * Slides the expiry. `ended`: logged out on another proxy; `missing`: the store lost it (a
   * Redis that restarted without its data), so the caller saves it again.
   */
  extend(token: string, expiresAt: number): Promise<'extended' | 'ended' | 'missing'>;
  /** Marks the login ended (logged out) for the rest of its life, so no proxy brings it back. */
  remove(token: string): Promise<void>;
}

export type PersonEventListener = (userId: string, type: string, body: string) => void;

/**
 * Events between proxies: to a person (every stream of theirs, wherever it is connected) and
 * broadcasts to every proxy (a login ended, a privacy list changed). This proxy's own streams are
 * reached directly by the caller; the bus carries the event to the others.
 */
export interface EventBus {
  /** Sends to the person's streams on the other proxies. */
  toPerson(userId: string, type: string, body: string): void;
  /** This proxy holds streams of the person now (hear their events), or no longer does. */
  listenFor(userId: string): void;
  stopListeningFor(userId: string): void;
  onPersonEvent(listener: PersonEventListener): () => void;
  /** Sends `payload` to every other proxy listening on `topic`. */
  broadcast(topic: BroadcastTopic, payload: string): void;
  onBroadcast(topic: BroadcastTopic, listener: (payload: string) => void): () => void;
}

export const BroadcastTopic = {
  Logins: 'logins',
  Privacy: 'privacy',
  /** Requests of the admin API to every node (admin/cluster-calls.ts), and their answers. */
  Admin: 'admin',
  AdminAnswers: 'admin-answers',
} as const;
export type BroadcastTopic = (typeof BroadcastTopic)[keyof typeof BroadcastTopic];

/** What this proxy holds for a person, as the rest of the cluster needs to know it. */
export interface LocalReach {
  /** A stream of theirs here would get (or replay) an event sent now. */
  live: boolean;
  /**
   * In front of a screen here (push/foreground.ts): `Infinity` while a foreground session has a
   * connected stream, else until when its last request keeps it so (epoch ms), 0 when not at all.
   */
  foregroundUntil: number;
}

/** Whether a person can be reached on other proxies (chat's offline queue, push). */
export interface ClusterReach {
  /** Another proxy holds a live stream of the person (answered from memory: chat asks in a transaction). */
  liveElsewhere(userId: string): boolean;
  /** Another proxy has a session of the person in the foreground. */
  foregroundElsewhere(userId: string): Promise<boolean>;
  /** What this proxy holds for the person may have changed: tell the cluster when it did. */
  changed(userId: string): void;
}

/** What a node says about itself with each heartbeat (the System Console shows it). */
export interface NodeFigures {
  state: NodeState;
  /** Epoch ms. */
  startedAt: number;
  logins: number;
  streams: StreamCounts;
  watchedPeople: number;
  messagesPerSecond: number;
}

export interface NodeRecord extends NodeFigures {
  id: string;
  /** Epoch ms (the shared backend's clock in a cluster). */
  lastHeartbeatAt: number;
}

/** The nodes of the cluster as the admin API lists them. */
export interface NodeRoster {
  /** This node's figures: sent with each heartbeat, and once more (as gone) when it stops. */
  report(figures: () => NodeFigures): void;
  /**
   * Every node heard from lately with its last figures; one silent for three heartbeats is `gone`.
   * One proxy alone lists itself.
   */
  list(): Promise<NodeRecord[]>;
  /** Resolves once the shared backend (Redis) answered a PING; absent without one. */
  ping?(): Promise<void>;
}
