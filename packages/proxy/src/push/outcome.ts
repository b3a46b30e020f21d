/** What a push service did with one push, and the shape every service's sender has. */
import type { PushPlatform } from '@st/protocol';
import type { StoredDevice } from '../store/device-store.ts';
import type { Notification } from './notification.ts';

export type PushOutcome =
  | { result: 'sent' }
  /** The service says the token will never work again: the device is removed. */
  | { result: 'dead'; reason: string }
  /** Not delivered (after the retries the failure allowed); `reason` is the service's word for it. */
  | { result: 'failed'; reason: string; status?: number | undefined };

export interface PushTransport {
  readonly platform: PushPlatform;
  send(device: StoredDevice, notification: Notification): Promise<PushOutcome>;
  /** Closes connections; pushes after this fail. */
  close(): Promise<void>;
}

export function failed(reason: string, status?: number): PushOutcome {
  return status === undefined ? { result: 'failed', reason } : { result: 'failed', reason, status };
}

/** The `reason` of a push service's JSON error body, or the HTTP status when there is none. */
export function reasonOf(body: string, status: number, read: (json: unknown) => unknown): string {
  try {
    const reason = read(JSON.parse(body));
    if (typeof reason === 'string' && reason !== '') return reason;
  } catch {
    // Not JSON: a proxy's HTML error page, say.
  }
  return `HTTP ${status}`;
}
