/**
 * A client's surroundings: back online or back in view (reconnect now), and the person's activity,
 * which the stream is told as idleness. Listening starts with the stream, not with the client.
 */
import { IdleTracker } from './idle-tracker.ts';
import { browserPlatform, canTrackActivity, type Platform } from './platform.ts';
import type { StreamConnection } from './stream-connection.ts';

export interface ClientActivityConfig {
  platform: Partial<Platform> | undefined;
  idleAfterMs: number | undefined;
  connection: StreamConnection;
  /** Whether the other tabs of this person are idle too (always, for a tab that does not lead). */
  othersIdle(): boolean;
  /** Back online, or back in view. */
  back(): void;
}

export class ClientActivity {
  private readonly idle: IdleTracker;
  private readonly platform: Platform;
  private started = false;
  /** The idleness the current stream was told. */
  private reported = false;
  private readonly stops: (() => void)[] = [];

  constructor(private readonly config: ClientActivityConfig) {
    this.platform = { ...browserPlatform, ...config.platform };
    this.idle = new IdleTracker(config.idleAfterMs);
    const changes = this.idle.idle$.subscribe(() => this.report());
    this.stops.push(() => changes.unsubscribe());
  }

  /** Starts listening (once): the stream is about to open. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const back = (value: boolean) => {
      if (value) this.config.back();
    };
    for (const source$ of [this.platform.online$, this.platform.visible$]) {
      const subscription = source$.subscribe(back);
      this.stops.push(() => subscription.unsubscribe());
    }
    if (canTrackActivity(this.config.platform)) this.idle.start(this.platform.activity$);
  }

  /** A new stream knows nothing of the person's idleness yet. */
  freshStream(): void {
    this.reported = false;
  }

  /** Tells the stream whether the person is idle, when that changed. */
  report(): void {
    // The person is idle only when no tab of theirs is in use.
    const idle = this.idle.idle && this.config.othersIdle();
    const { connection } = this.config;
    if (idle === this.reported || !connection.isReady) return;
    if (connection.send({ type: 'activity', idle })) this.reported = idle;
  }

  setIdle(idle: boolean): void {
    this.idle.setIdle(idle);
  }

  stop(): void {
    this.idle.stop();
    for (const stop of this.stops.splice(0)) stop();
  }
}
