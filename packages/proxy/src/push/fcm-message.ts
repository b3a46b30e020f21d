/** The FCM HTTP v1 message for an Android phone (`projects.messages.send`). */
import { fitText } from './fit.ts';
import { type Notification, subjectOf } from './notification.ts';

/** FCM refuses messages whose payload passes 4 KB. */
export const FCM_PAYLOAD_LIMIT = 4096;

export function fcmMessage(token: string, notification: Notification): string {
  // FCM data values must be strings.
  const data: Record<string, string> = { ...notification.data, badge: String(notification.badge) };
  const build = (body: string) =>
    JSON.stringify({
      message: {
        token,
        notification: { title: notification.title, body },
        data,
        android: {
          // High: shown at once, even in Doze; chat is what a person wants to hear about.
          priority: 'HIGH',
          ttl: '86400s',
          // A newer push of the conversation replaces the older one, waiting or shown.
          collapse_key: subjectOf(notification),
          notification: { tag: notification.threadId, notification_count: notification.badge },
        },
      },
    });
  return fitText(notification.body, FCM_PAYLOAD_LIMIT, build);
}
