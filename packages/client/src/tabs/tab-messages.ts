/** Messages between the tabs of one group on their BroadcastChannel. */
import type { Presence } from '@st/protocol/core';
import type { ConnectionState } from '../connection-state.ts';

export type TabMessage =
  /** A tab took the lead: sockets attached to an earlier leader start over. */
  | { kind: 'leader'; tab: string }
  /** A follower's stream opens (or resumes `since` on `streamId`) through the leader. */
  | { kind: 'connect'; tab: string; socket: number; streamId?: string; since?: number }
  /** A follower sends a frame (a watch list change, its activity). */
  | { kind: 'send'; tab: string; socket: number; data: string }
  /** A follower's socket closed. */
  | { kind: 'bye'; tab: string; socket: number }
  /** From the leader to one follower's socket: a frame of its own (hello, ack, error). */
  | { kind: 'reply'; to: string; socket: number; leader: string; data: string }
  /** From the leader to one follower: what it knows already of the people that follower added. */
  | { kind: 'presence'; to: string; presence: Presence[] }
  /** From the leader to every follower: a frame of the stream, as the proxy sent it. */
  | { kind: 'frame'; leader: string; data: string }
  /** From the leader: every follower's socket closes with this code (the stream ended or restarted). */
  | { kind: 'close'; leader: string; code: number; reason: string }
  /** From the leader: its own stream's state changed (it is reconnecting, or connected again). */
  | { kind: 'state'; leader: string; state: ConnectionState };

export function isTabMessage(value: unknown): value is TabMessage {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}
