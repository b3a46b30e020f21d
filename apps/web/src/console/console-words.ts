/**
 * The words and symbols the System Console shows, as plain functions (tested without a DOM).
 * Every state is said in words; its symbol only repeats it, never replaces it.
 */
import type { AdminHealthCheck, AdminSession, StreamCounts } from '@st/protocol/core';
import { HealthStatus, NodeState } from '@st/protocol/core';

export const CONSOLE_NAME = 'System Console';

export interface Marked {
  label: string;
  /** A symbol beside the label (hidden from screen readers, which read the label). */
  symbol: string;
  /** A class modifier for its colour. */
  tone: 'good' | 'pending' | 'bad';
}

export function nodeStateWords(state: NodeState): Marked {
  switch (state) {
    case NodeState.Ready:
      return { label: 'Ready', symbol: '✓', tone: 'good' };
    case NodeState.Draining:
      return { label: 'Draining', symbol: '↻', tone: 'pending' };
    case NodeState.Gone:
      return { label: 'Gone', symbol: '✕', tone: 'bad' };
  }
}

const CHECK_NAMES: Record<AdminHealthCheck['name'], string> = {
  community: 'Community server',
  redis: 'Redis',
  store: 'Store',
  directory: 'Directory',
};

const KINDS: Record<string, string> = {
  embedded: 'embedded',
  xmpp: 'XMPP',
  redis: 'Redis',
  postgresql: 'PostgreSQL',
  sqlite: 'SQLite',
  demo: 'demo',
  file: 'JSON file',
  ldap: 'LDAP',
};

export function healthWords(check: AdminHealthCheck): Marked & { name: string; detail: string } {
  const ok = check.status === HealthStatus.Ok;
  const kind = KINDS[check.kind] ?? check.kind;
  const name = check.name === 'redis' ? CHECK_NAMES.redis : `${CHECK_NAMES[check.name]} (${kind})`;
  const detail =
    check.latencyMs === null ? 'no answer within 2 s' : `answered in ${formatMs(check.latencyMs)}`;
  return ok
    ? { name, label: 'OK', symbol: '✓', tone: 'good', detail }
    : { name, label: 'Unavailable', symbol: '✕', tone: 'bad', detail };
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

export function totalStreams(streams: StreamCounts): number {
  return streams.websocket + streams.sse + streams.poll;
}

/** "3: WebSocket 2, SSE 1" (transports with none are left out). */
export function streamsWords(streams: StreamCounts): string {
  const parts = [
    ['WebSocket', streams.websocket],
    ['SSE', streams.sse],
    ['long-poll', streams.poll],
  ]
    .filter(([, n]) => (n as number) > 0)
    .map(([name, n]) => `${name} ${n}`);
  const total = totalStreams(streams);
  return parts.length > 0 ? `${total}: ${parts.join(', ')}` : String(total);
}

export function clientWords(session: AdminSession): string {
  return session.client === 'mobile' ? 'Mobile' : 'Web';
}

/** A time as the browser's locale shows it: the time alone today, date and time otherwise. */
export function timeWords(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? date.toLocaleTimeString()
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
