/**
 * What the mobile shell needs from the phone, as small interfaces: the Capacitor build passes in
 * the real plugins (capacitor.ts), tests and the browser harness pass in doubles. Nothing outside
 * this folder imports Capacitor, and the SDK never does.
 */
import type { PushPlatform } from '@st/protocol';

export interface DeviceToken {
  platform: PushPlatform;
  token: string;
}

/** A notification the person acted on: tapped it, or answered it from its reply action. */
export interface NotificationAction {
  /** The data the proxy put in the push (`kind`, `conversationId` or `announcementId`). */
  data: Record<string, unknown>;
  /** The text typed into the notification's reply field, when that is what the person did. */
  replyText?: string | undefined;
}

export interface PushPort {
  /**
   * Asks for permission (once; the phone remembers the answer) and registers with APNs or FCM.
   * Answers the device token, or null when the person declined notifications.
   */
  register(): Promise<DeviceToken | null>;
  /** The service issued a new token (FCM rotates them); returns the function that stops listening. */
  onTokenChange(listener: (token: DeviceToken) => void): () => void;
  onAction(listener: (action: NotificationAction) => void): () => void;
}

export interface AppStatePort {
  /** `true` when the app comes to the foreground, `false` when it goes to the background. */
  onChange(listener: (active: boolean) => void): () => void;
}

/** Small string values that survive the app being closed (Capacitor Preferences on a phone). */
export interface KeyValueStorage {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface MobilePlatform {
  push: PushPort;
  appState: AppStatePort;
  storage: KeyValueStorage;
}
