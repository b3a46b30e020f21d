/** Prometheus counters of the push sender, on the proxy's registry. */
import { Counter, type Registry } from 'prom-client';

export class PushMetrics {
  readonly sent: Counter<'platform'>;
  readonly failed: Counter<'platform' | 'reason'>;
  readonly removed: Counter<'platform' | 'reason'>;
  readonly skipped: Counter<'reason'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.sent = new Counter({
      name: 'st_push_sent_total',
      help: 'Pushes the push service accepted, by platform (ios through APNs, android through FCM).',
      labelNames: ['platform'],
      registers,
    });
    this.failed = new Counter({
      name: 'st_push_failed_total',
      help: "Pushes not delivered after their retries, by platform and the service's reason.",
      labelNames: ['platform', 'reason'],
      registers,
    });
    this.removed = new Counter({
      name: 'st_push_devices_removed_total',
      help: 'Devices removed because the push service said their token is dead, by platform and reason.',
      labelNames: ['platform', 'reason'],
      registers,
    });
    this.skipped = new Counter({
      name: 'st_push_skipped_total',
      help: 'Events for which nobody was pushed: the person was in the foreground, or had no device.',
      labelNames: ['reason'],
      registers,
    });
  }
}
