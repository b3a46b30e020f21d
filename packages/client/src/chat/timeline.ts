/**
 * A conversation's transcript as data: stored messages ordered by `seq`, each once, whatever order
 * history pages, live events, replays and send answers arrive in; and the outbox's waiting
 * messages after them, until the stored copy (same client id) turns up.
 */
import type { ChatMessage, UserSummary } from '@st/protocol/core';
import { MessageState, type TimelineMessage } from './chat-types.ts';

/**
 * `incoming` merged into `sorted` (ascending by `seq`): ascending, one message per `seq`. The usual
 * cases (a live message after the rest, an older page before them) cost no sort.
 */
export function mergeMessages(
  sorted: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): ChatMessage[] {
  if (incoming.length === 0) return sorted as ChatMessage[];
  const ordered = isAscending(incoming) ? incoming : [...incoming].sort((a, b) => a.seq - b.seq);
  const first = ordered[0]!;
  const last = ordered[ordered.length - 1]!;
  const newest = sorted[sorted.length - 1];
  const oldest = sorted[0];
  if (!newest || first.seq > newest.seq) return [...sorted, ...unique(ordered)];
  if (oldest && last.seq < oldest.seq) return [...unique(ordered), ...sorted];
  const bySeq = new Map<number, ChatMessage>();
  for (const message of sorted) bySeq.set(message.seq, message);
  for (const message of ordered) if (!bySeq.has(message.seq)) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function isAscending(list: readonly ChatMessage[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i]!.seq <= list[i - 1]!.seq) return false;
  return true;
}

function unique(ordered: readonly ChatMessage[]): ChatMessage[] {
  return ordered.filter((message, i) => i === 0 || message.seq !== ordered[i - 1]!.seq);
}

/** A message waiting in the outbox, as the transcript needs it. */
export interface PendingMessage {
  clientId: string;
  text: string;
  queuedAt: number;
  failed: string | undefined;
}

/**
 * The transcript: stored messages (marked offline when they waited for this person), then the
 * outbox's messages whose stored copy has not arrived yet.
 */
export function timelineOf(
  conversationId: string,
  stored: readonly ChatMessage[],
  offline: ReadonlySet<number>,
  pending: readonly PendingMessage[],
  me: UserSummary,
): TimelineMessage[] {
  const timeline: TimelineMessage[] = stored.map((message) => ({
    ...message,
    clientId: message.clientId ?? null,
    offline: offline.has(message.seq),
    state: MessageState.Sent,
  }));
  if (pending.length === 0) return timeline;
  const storedIds = new Set<string>();
  for (const message of stored)
    if (message.clientId && message.from.id === me.id) storedIds.add(message.clientId);
  for (const entry of pending) {
    if (storedIds.has(entry.clientId)) continue;
    timeline.push({
      id: entry.clientId,
      seq: 0,
      conversationId,
      from: me,
      text: entry.text,
      sentAt: new Date(entry.queuedAt).toISOString(),
      clientId: entry.clientId,
      offline: false,
      state: entry.failed === undefined ? MessageState.Sending : MessageState.Failed,
      ...(entry.failed === undefined ? {} : { error: entry.failed }),
    });
  }
  return timeline;
}

/** The newest `seq` in an ascending list (0 when empty). */
export function newestSeq(sorted: readonly ChatMessage[]): number {
  return sorted[sorted.length - 1]?.seq ?? 0;
}

/** Messages from others after `readSeq`: what a conversation counts as unread. */
export function unreadAfter(sorted: readonly ChatMessage[], readSeq: number, myId: string): number {
  let count = 0;
  for (let i = sorted.length - 1; i >= 0 && sorted[i]!.seq > readSeq; i--) {
    if (sorted[i]!.from.id !== myId) count++;
  }
  return count;
}
