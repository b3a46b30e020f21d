/**
 * Offline delivery: what was stored for a person while they had no live stream (messages,
 * invitations, announcements) goes to their next new stream, marked `offline: true`, once: the
 * store hands it over and forgets it in one transaction, so two streams opening at once cannot
 * both get it. It follows the stream's first events (its own presence), on the next turn.
 */
import { LIMITS } from '@st/protocol';
import type { OfflineItem, StoredMessage } from '../store/chat-types.ts';
import type { Stream } from '../stream/stream.ts';
import { archived, withBodies } from './archive.ts';
import type { ChatDeps } from './deps.ts';
import { announcementEventBody, invitationEventBody, messageEventBody } from './events.ts';

function offlineEvent(item: OfflineItem): { type: string; body: string } {
  switch (item.kind) {
    case 'message':
      return { type: 'message', body: messageEventBody(item.message, true) };
    case 'invitation':
      return { type: 'invitation', body: invitationEventBody(item.conversation, item.from, true) };
    case 'announcement':
      return { type: 'announcement', body: announcementEventBody(item.announcement, true) };
  }
}

/** Messages whose bodies live in the community server's archive (chat/archive.ts), filled in. */
async function withArchivedBodies(
  deps: ChatDeps,
  userId: string,
  items: OfflineItem[],
): Promise<OfflineItem[]> {
  const messages = items.flatMap((item) =>
    item.kind === 'message' && archived(item.message) ? [item.message] : [],
  );
  if (!deps.archive || messages.length === 0) return items;
  const filled = new Map<string, StoredMessage>();
  for (const conversationId of new Set(messages.map((m) => m.conversationId))) {
    const conversation = await deps.store.conversation(conversationId);
    if (!conversation) continue;
    const mine = messages.filter((m) => m.conversationId === conversationId);
    for (const m of await withBodies(deps.archive, userId, conversation, mine, deps.log)) {
      filled.set(`${m.conversationId} ${m.seq}`, m);
    }
  }
  return items.map((item) =>
    item.kind === 'message'
      ? { ...item, message: filled.get(`${item.message.conversationId} ${item.message.seq}`) ?? item.message }
      : item,
  );
}

export async function deliverOffline(deps: ChatDeps, stream: Stream): Promise<void> {
  const taken = await deps.store.takeOffline(stream.userId, LIMITS.offlineEventsPerConnect);
  if (taken.length === 0) return;
  const items = await withArchivedBodies(deps, stream.userId, taken);
  await new Promise((resolve) => setImmediate(resolve));
  for (const item of items) {
    const { type, body } = offlineEvent(item);
    // An ended stream still takes the events into its ring; what it missed stays in the history.
    stream.emit(type, body);
  }
}
