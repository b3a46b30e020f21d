/**
 * The push sender: told of each new conversation event for a person (`notify`), it pushes to
 * every device of theirs when none of their sessions is in the foreground, through APNs for
 * iPhones and FCM for Android phones, and forgets devices whose tokens the services call dead.
 * It also keeps the device registrations of the API (routes/push.ts).
 */
import { LIMITS, type RegisterDeviceRequest } from '@st/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Login } from '../auth/logins.ts';
import { LoginEnd } from '../auth/logins.ts';
import type { ClusterReach } from '../cluster/types.ts';
import type { DeviceStore, StoredDevice } from '../store/device-store.ts';
import type { BadgeSource } from './badges.ts';
import { ConcurrencyLimit } from './concurrency.ts';
import type { IndexedLoginStore } from './foreground.ts';
import type { PushMetrics } from './metrics.ts';
import { describeEvent } from './notification.ts';
import type { PushOutcome, PushTransport } from './outcome.ts';
import type { PushPreferences } from './preferences.ts';
import type { PushEvent, PushNotifier } from './types.ts';

export interface PushServiceParts {
  log: FastifyBaseLogger;
  logins: IndexedLoginStore;
  devices: DeviceStore;
  preferences: PushPreferences;
  badges: BadgeSource;
  /** The other proxies of a cluster, asked when no session here is in the foreground. */
  reach: Pick<ClusterReach, 'foregroundElsewhere'>;
  metrics: PushMetrics;
  /** The senders configured (none when neither APNs nor FCM is set up: devices are still kept). */
  transports: readonly PushTransport[];
}

/** Pushes on their way at once, across all people and services (APNs allows ~1000 streams). */
const PUSHES_IN_FLIGHT = 256;

export class PushService implements PushNotifier {
  /** Tokens each login registered, so logging out of a phone stops its pushes. */
  private readonly registeredBy = new Map<Login, Set<string>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sending = new ConcurrencyLimit(PUSHES_IN_FLIGHT);
  private closed = false;

  constructor(private readonly parts: PushServiceParts) {}

  get configured(): boolean {
    return this.parts.transports.length > 0;
  }

  /** The platforms pushes can reach (`ios` with APNs set up, `android` with FCM). */
  get platforms(): string[] {
    return this.parts.transports.map((t) => t.platform);
  }

  notify(userId: string, event: PushEvent): void {
    if (this.closed) return;
    const delivery = this.deliver(userId, event)
      .catch((error: unknown) => this.parts.log.warn({ err: error, userId }, 'push failed'))
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  /** Resolves when every push started so far has finished (tests, and a clean shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private async deliver(userId: string, event: PushEvent): Promise<void> {
    const { logins, devices, metrics } = this.parts;
    if (!this.configured) return;
    if (logins.hasForeground(userId) || (await this.parts.reach.foregroundElsewhere(userId))) {
      metrics.skipped.inc({ reason: 'foreground' });
      return;
    }
    const targets = (await devices.devices(userId)).filter((d) => this.transportFor(d));
    if (targets.length === 0) {
      metrics.skipped.inc({ reason: 'no_device' });
      return;
    }
    const [badge, hideText] = await Promise.all([
      this.parts.badges.next(userId),
      this.parts.preferences.hideMessageText(userId),
    ]);
    const notification = describeEvent(event, { badge, hideText });
    await Promise.all(
      targets.map(async (device) => {
        const transport = this.transportFor(device)!;
        const outcome = await this.sending.run(() => transport.send(device, notification));
        await this.record(device, outcome);
      }),
    );
  }

  private transportFor(device: StoredDevice): PushTransport | undefined {
    return this.parts.transports.find((t) => t.platform === device.platform);
  }

  private async record(device: StoredDevice, outcome: PushOutcome): Promise<void> {
    const { metrics, log } = this.parts;
    const { platform } = device;
    switch (outcome.result) {
      case 'sent':
        metrics.sent.inc({ platform });
        return;
      case 'dead':
        metrics.removed.inc({ platform, reason: outcome.reason });
        await this.parts.devices.removeDevice(device.token, device.userId);
        log.info({ userId: device.userId, platform, reason: outcome.reason }, 'push device removed');
        return;
      case 'failed':
        // Connection errors carry their message after a colon; the label keeps the kind alone.
        metrics.failed.inc({ platform, reason: outcome.reason.split(':')[0]! });
        log.warn({ userId: device.userId, platform, ...outcome }, 'push not delivered');
        return;
    }
  }

  async registerDevice(login: Login, request: RegisterDeviceRequest): Promise<StoredDevice> {
    const device: StoredDevice = {
      token: request.token,
      userId: login.userId,
      platform: request.platform,
      appId: request.appId ?? request.topic,
      registeredAt: Date.now(),
    };
    const registration = await this.parts.devices.registerDevice(device, LIMITS.pushDevicesPerPerson);
    const own = this.registeredBy.get(login);
    if (own) own.add(device.token);
    else this.registeredBy.set(login, new Set([device.token]));
    if (registration.movedFrom) {
      this.parts.log.info({ userId: login.userId, from: registration.movedFrom }, 'push device moved');
    }
    return device;
  }

  devicesOf(userId: string): Promise<StoredDevice[]> {
    return this.parts.devices.devices(userId);
  }

  async removeDevice(login: Login, token: string): Promise<void> {
    await this.parts.devices.removeDevice(token, login.userId);
    this.registeredBy.get(login)?.delete(token);
  }

  /** `PUT /api/v1/session/state`: coming to the foreground clears the badge count. */
  sessionStateChanged(login: Login): void {
    if (login.foreground) this.parts.badges.reset(login.userId);
  }

  /**
   * A login ended. Logging out of a phone removes the devices it registered; a login that merely
   * expired keeps them (the app logs in again when opened, and its person still wants to know).
   */
  async loginEnded(login: Login, why: LoginEnd): Promise<void> {
    const tokens = this.registeredBy.get(login);
    this.registeredBy.delete(login);
    if (why !== LoginEnd.Logout || !tokens) return;
    for (const token of tokens) await this.parts.devices.removeDevice(token, login.userId);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.parts.transports.map((t) => t.close()));
    await this.parts.devices.close();
  }
}
