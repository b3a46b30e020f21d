/**
 * What a push says, whatever service carries it: built once per event and person from the
 * `PushEvent`, then shaped into each service's payload (apns-payload.ts, fcm-message.ts).
 */
import type { PushEvent, PushEventKind } from './types.ts';

/** Categories the app registers, each with its actions (a reply field for conversations). */
export const PushCategory = {
  Message: 'ST_MESSAGE',
  Invitation: 'ST_INVITATION',
  Announcement: 'ST_ANNOUNCEMENT',
} as const;
export type PushCategory = (typeof PushCategory)[keyof typeof PushCategory];

export interface Notification {
  kind: PushEventKind;
  title: string;
  body: string;
  /** Groups the notifications of one conversation on the phone (APNs thread-id, Android tag). */
  threadId: string;
  category: PushCategory;
  /** The number the app icon shows. */
  badge: number;
  /** What the app reads when the notification is tapped. */
  data: { kind: PushEventKind; conversationId?: string; announcementId?: string };
}

export interface DescribeOptions {
  /** The person's `hideMessageTextInPush` preference: say that something came, not what. */
  hideText: boolean;
  badge: number;
}

/** All announcements share one thread: they are one stream of news, not conversations. */
export const ANNOUNCEMENTS_THREAD = 'announcements';

export function describeEvent(event: PushEvent, options: DescribeOptions): Notification {
  const { hideText, badge } = options;
  switch (event.kind) {
    case 'message':
      return {
        kind: event.kind,
        title: event.from.displayName,
        body: hideText ? 'New message' : event.text,
        threadId: event.conversationId,
        category: PushCategory.Message,
        badge,
        data: { kind: event.kind, conversationId: event.conversationId },
      };
    case 'invitation':
      return {
        kind: event.kind,
        title: event.from.displayName,
        // A topic can say as much as a message does.
        body: event.topic && !hideText ? `Invites you to a chat: ${event.topic}` : 'Invites you to a chat',
        threadId: event.conversationId,
        category: PushCategory.Invitation,
        badge,
        data: { kind: event.kind, conversationId: event.conversationId },
      };
    case 'announcement':
      return {
        kind: event.kind,
        title: `Announcement from ${event.from.displayName}`,
        body: hideText ? 'New announcement' : event.text,
        threadId: ANNOUNCEMENTS_THREAD,
        category: PushCategory.Announcement,
        badge,
        data: { kind: event.kind, announcementId: event.id },
      };
  }
}

/** The conversation (or announcement) a notification is about: the collapse key. */
export function subjectOf(notification: Notification): string {
  return notification.data.conversationId ?? `announcement:${notification.data.announcementId}`;
}
