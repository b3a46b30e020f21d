/**
 * Announcements: one message to many people, stored once with its recipients. Each recipient's
 * streams get an `announcement` event (people offline find it waiting); replies, when allowed, go
 * to the recipient's 1:1 conversation with the sender.
 */
import {
  type AnnouncementRequest,
  type AnnouncementResponse,
  type AnnouncementsResponse,
  LIMITS,
  messageCharacters,
  type SendMessageRequest,
  type UserSummary,
} from '@st/protocol';
import { ApiError } from '../errors.ts';
import type { StoredAnnouncement } from '../store/chat-types.ts';
import type { Conversations } from './conversations.ts';
import { type ChatDeps, notifyPush } from './deps.ts';
import { announcementEventBody } from './events.ts';
import { newAnnouncementId } from './ids.ts';
import type { Messages } from './messages.ts';
import { resolvePeople } from './people.ts';
import type { ChatBudgets } from './rate-limits.ts';
import { announcementView } from './views.ts';

export class Announcements {
  constructor(
    private readonly deps: ChatDeps,
    private readonly budgets: ChatBudgets,
    private readonly conversations: Conversations,
    private readonly messages: Messages,
  ) {}

  async announce(me: UserSummary, request: AnnouncementRequest): Promise<AnnouncementResponse> {
    if (messageCharacters(request.text) > LIMITS.messageLength) throw new ApiError('ST_ERR_MESSAGE_TOO_LONG');
    const recipients = await resolvePeople(this.deps, request.to, me.id, 'body.to');
    if (recipients.length === 0) {
      throw new ApiError('ST_ERR_VALIDATION', {
        details: [{ path: 'body.to', message: 'name at least one person besides yourself' }],
      });
    }
    await this.budgets.announcements.spend(me.id);
    const announcement: StoredAnnouncement = {
      id: newAnnouncementId(),
      from: { id: me.id, displayName: me.displayName },
      text: request.text,
      allowReplies: request.allowReplies,
      sentAt: Date.now(),
    };
    const ids = recipients.map((p) => p.id);
    await this.deps.store.createAnnouncement(announcement, ids, (userId) => this.deps.streams.isLive(userId));
    const body = announcementEventBody(announcement);
    for (const id of ids) this.deps.streams.emitToPerson(id, 'announcement', body);
    this.messages.relay.emit({ kind: 'announcement', from: me.id, recipients: ids, text: request.text });
    notifyPush(this.deps, ids, {
      kind: 'announcement',
      id: announcement.id,
      from: announcement.from,
      text: announcement.text,
    });
    return { announcement: announcementView(announcement), recipients: ids.length };
  }

  async received(me: UserSummary, limit: number | undefined): Promise<AnnouncementsResponse> {
    const stored = await this.deps.store.announcementsOf(me.id, limit ?? LIMITS.historyPageDefault);
    return { announcements: stored.map(announcementView) };
  }

  /** A reply to an announcement the caller received: a message in their 1:1 with its sender. */
  async reply(me: UserSummary, id: string, request: SendMessageRequest) {
    const announcement = await this.deps.store.announcementFor(me.id, id);
    if (!announcement) throw new ApiError('ST_ERR_NOT_FOUND', { message: 'There is no such announcement.' });
    if (!announcement.allowReplies) {
      throw new ApiError('ST_ERR_FORBIDDEN', {
        message: 'The sender of this announcement does not take replies.',
      });
    }
    const { conversation } = await this.conversations.openIm(me, announcement.from.id);
    return this.messages.send(me, conversation.id, request);
  }
}
