/**
 * Pushes to Android phones through FCM HTTP v1 (Capacitor on Android yields FCM tokens).
 * UNREGISTERED and NOT_FOUND remove the device; 401 mints a new access token and tries once
 * more; 429, 500 and 503 try again after a capped backoff (or FCM's `Retry-After`).
 */
import type { StoredDevice } from '../store/device-store.ts';
import type { FcmAccessTokens } from './fcm-auth.ts';
import { fcmMessage } from './fcm-message.ts';
import type { HttpsClient } from './https-client.ts';
import type { Notification } from './notification.ts';
import { failed, type PushOutcome, type PushTransport, reasonOf } from './outcome.ts';
import { type Attempt, DEFAULT_RETRY, parseRetryAfter, type RetryPolicy, withRetries } from './retry.ts';

export interface FcmSenderOptions {
  /** `https://fcm.googleapis.com`, or a test's server. */
  url: string;
  projectId: string;
  tokens: FcmAccessTokens;
  http: HttpsClient;
  retry?: RetryPolicy | undefined;
}

const DEAD_TOKEN_REASONS = new Set(['UNREGISTERED', 'NOT_FOUND']);

interface FcmErrorBody {
  error?: { status?: string; details?: { errorCode?: string }[] };
}

/** FCM's own error code (in `details`) when it gave one, else the Google status word. */
function fcmReason(json: unknown): unknown {
  const error = (json as FcmErrorBody).error;
  return error?.details?.find((d) => d.errorCode)?.errorCode ?? error?.status;
}

export class FcmSender implements PushTransport {
  readonly platform = 'android' as const;

  constructor(private readonly options: FcmSenderOptions) {}

  send(device: StoredDevice, notification: Notification): Promise<PushOutcome> {
    const { url, projectId, tokens, http } = this.options;
    const endpoint = `${url}/v1/projects/${encodeURIComponent(projectId)}/messages:send`;
    const body = fcmMessage(device.token, notification);
    let renewedToken = false;
    return withRetries(this.options.retry ?? DEFAULT_RETRY, async (): Promise<Attempt<PushOutcome>> => {
      let accessToken: string;
      let answer: Awaited<ReturnType<HttpsClient['post']>>;
      try {
        accessToken = await tokens.token();
        answer = await http.post(
          endpoint,
          { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json; charset=utf-8' },
          body,
        );
      } catch (error) {
        return { done: false, value: failed(`connection: ${(error as Error).message}`) };
      }
      const { status } = answer;
      if (status === 200) return { done: true, value: { result: 'sent' } };
      const reason = reasonOf(answer.body, status, fcmReason);
      // Only FCM's own word for it: a 404 page from a wrong ST_FCM_URL must not empty the devices.
      if (DEAD_TOKEN_REASONS.has(reason)) {
        return { done: true, value: { result: 'dead', reason } };
      }
      if (status === 401 && !renewedToken) {
        renewedToken = true;
        tokens.invalidate(accessToken);
        return { done: false, value: failed(reason, status), retryAfterMs: 0 };
      }
      if (status === 429 || status === 500 || status === 503) {
        const retryAfterMs = parseRetryAfter(answer.headers['retry-after']);
        return { done: false, value: failed(reason, status), retryAfterMs };
      }
      return { done: true, value: failed(reason, status) };
    });
  }

  async close(): Promise<void> {
    this.options.http.close();
  }
}
