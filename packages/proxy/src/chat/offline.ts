/**
 * Offline delivery: what was stored for a person while they had no live stream (messages,
 * invitations, announcements) goes to their next new stream, marked `offline: true`, once: the
 * store hands it over and forgets it in one transaction, so two streams opening at once cannot
 * both get it. It follows the stream's first events (its own presence), on the next turn.
 */
import { LIMITS } from '@st/protocol';
import type { OfflineItem } from '../store/chat-types.ts';
import type { Stream } from '../stream/stream.ts';
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

export async function deliverOffline(deps: ChatDeps, stream: Stream): Promise<void> {
  const items = await deps.store.takeOffline(stream.userId, LIMITS.offlineEventsPerConnect);
  if (items.length === 0) return;
  await new Promise((resolve) => setImmediate(resolve));
  for (const item of items) {
    const { type, body } = offlineEvent(item);
    // An ended stream still takes the events into its ring; what it missed stays in the history.
    stream.emit(type, body);
  }
}
