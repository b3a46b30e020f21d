/**
 * Pushes to iPhones through the APNs provider API: HTTP/2, token authentication, one connection.
 * Apple's answers decide what happens next: 200 delivered; 410 Unregistered and 400 BadDeviceToken
 * remove the device; 403 for an expired or invalid provider token signs a new one and tries again
 * once; 429 and 5xx try again after a capped backoff (or Apple's `Retry-After`); anything else is
 * a failure of this push alone.
 */
import type { StoredDevice } from '../store/device-store.ts';
import { apnsHeaders, apnsPayload } from './apns-payload.ts';
import type { ApnsTokenSigner } from './apns-token.ts';
import { Http2Session } from './http2-session.ts';
import type { Notification } from './notification.ts';
import { failed, type PushOutcome, type PushTransport, reasonOf } from './outcome.ts';
import { type Attempt, DEFAULT_RETRY, parseRetryAfter, type RetryPolicy, withRetries } from './retry.ts';

export interface ApnsSenderOptions {
  /** `https://api.push.apple.com`, the sandbox, or a test's server. */
  url: string;
  /** Allowed `apns-topic`s; the first is the default, a device's app id picks another. */
  topics: readonly string[];
  signer: ApnsTokenSigner;
  ca?: string | undefined;
  retry?: RetryPolicy | undefined;
}

const DEAD_TOKEN_REASONS = new Set(['BadDeviceToken', 'Unregistered']);
const PROVIDER_TOKEN_REASONS = new Set(['ExpiredProviderToken', 'InvalidProviderToken']);

export class ApnsSender implements PushTransport {
  readonly platform = 'ios' as const;
  readonly connection: Http2Session;

  constructor(private readonly options: ApnsSenderOptions) {
    this.connection = new Http2Session(options.url, { ca: options.ca });
  }

  topicFor(device: StoredDevice): string {
    const { topics } = this.options;
    return device.appId && topics.includes(device.appId) ? device.appId : topics[0]!;
  }

  send(device: StoredDevice, notification: Notification): Promise<PushOutcome> {
    const payload = apnsPayload(notification);
    const topic = this.topicFor(device);
    let renewedToken = false;
    return withRetries(this.options.retry ?? DEFAULT_RETRY, async (): Promise<Attempt<PushOutcome>> => {
      const jwt = await this.options.signer.token();
      const headers = {
        ':path': `/3/device/${encodeURIComponent(device.token)}`,
        ...apnsHeaders(notification, { topic, jwt, now: Date.now() }),
      };
      let answer: Awaited<ReturnType<Http2Session['request']>>;
      try {
        answer = await this.connection.request(headers, payload);
      } catch (error) {
        return { done: false, value: failed(`connection: ${(error as Error).message}`) };
      }
      const { status } = answer;
      if (status === 200) return { done: true, value: { result: 'sent' } };
      const reason = reasonOf(answer.body, status, (json) => (json as { reason?: unknown }).reason);
      if (status === 410 || (status === 400 && DEAD_TOKEN_REASONS.has(reason))) {
        return { done: true, value: { result: 'dead', reason } };
      }
      if (status === 403 && PROVIDER_TOKEN_REASONS.has(reason) && !renewedToken) {
        renewedToken = true;
        this.options.signer.invalidate(jwt);
        return { done: false, value: failed(reason, status), retryAfterMs: 0 };
      }
      if (status === 429 || status >= 500) {
        const retryAfterMs = parseRetryAfter(answer.headers['retry-after']);
        return { done: false, value: failed(reason, status), retryAfterMs };
      }
      return { done: true, value: failed(reason, status) };
    });
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
