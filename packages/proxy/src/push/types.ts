/**
 * What the rest of the proxy tells the push sender. Chat calls `context.push?.notify(...)` after it
 * has stored a message, an N-way invitation or an announcement; the sender decides whether the
 * person gets a push (only when none of their sessions is in the foreground) and to which devices.
 */

/** Who caused the event, as the notification names them. */
export interface PushSender {
  id: string;
  displayName: string;
}

/** A new conversation event for one recipient. */
export type PushEvent =
  | { kind: 'message'; conversationId: string; from: PushSender; text: string }
  | { kind: 'invitation'; conversationId: string; from: PushSender; topic?: string }
  | { kind: 'announcement'; id: string; from: PushSender; text: string };

export type PushEventKind = PushEvent['kind'];

export interface PushNotifier {
  /**
   * Tells the sender about a stored event for `userId`. Never throws and never waits: delivery
   * happens in the background, and failures are logged and counted.
   */
  notify(userId: string, event: PushEvent): void;
}
