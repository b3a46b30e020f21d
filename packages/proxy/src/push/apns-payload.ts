/**
 * The JSON body and headers of an APNs alert (Apple's "Generating a remote notification" and
 * "Sending notification requests to APNs").
 */
import { createHash } from 'node:crypto';
import { fitText } from './fit.ts';
import { type Notification, subjectOf } from './notification.ts';

/** APNs refuses larger payloads (413 PayloadTooLarge). */
export const APNS_PAYLOAD_LIMIT = 4096;
/** How long APNs keeps trying to deliver to a phone that is off: a chat a day old is still news. */
export const APNS_EXPIRATION_SECONDS = 24 * 60 * 60;
/** `apns-collapse-id` may hold at most this many bytes. */
const COLLAPSE_ID_LIMIT = 64;

export function apnsPayload(notification: Notification): string {
  const build = (body: string) =>
    JSON.stringify({
      aps: {
        alert: { title: notification.title, body },
        badge: notification.badge,
        sound: 'default',
        'thread-id': notification.threadId,
        category: notification.category,
      },
      ...notification.data,
    });
  return fitText(notification.body, APNS_PAYLOAD_LIMIT, build);
}

/**
 * A collapse id per conversation: a newer push replaces the older one on the phone. Ids longer
 * than APNs allows are hashed, so the same conversation always collapses into one.
 */
export function collapseId(notification: Notification): string {
  const subject = subjectOf(notification);
  if (Buffer.byteLength(subject) <= COLLAPSE_ID_LIMIT) return subject;
  return createHash('sha256').update(subject).digest('base64url');
}

export interface ApnsHeaders {
  topic: string;
  /** The provider token (apns-token.ts). */
  jwt: string;
  now: number;
}

export function apnsHeaders(notification: Notification, options: ApnsHeaders): Record<string, string> {
  return {
    authorization: `bearer ${options.jwt}`,
    'apns-topic': options.topic,
    'apns-push-type': 'alert',
    // 10: deliver now (an alert the person sees); 5 would let the phone batch it to save power.
    'apns-priority': '10',
    'apns-expiration': String(Math.floor(options.now / 1000) + APNS_EXPIRATION_SECONDS),
    'apns-collapse-id': collapseId(notification),
    'content-type': 'application/json',
  };
}
