/**
 * Idleness from user activity: idle after `idleAfterMs` without any, active again at the next.
 * `setIdle` overrides it by hand until the next activity.
 */
import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';

export const DEFAULT_IDLE_AFTER_MS = 10 * 60 * 1000;

export class IdleTracker {
  readonly idle$ = new BehaviorSubject<boolean>(false);
  private subscription: Subscription | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly idleAfterMs = DEFAULT_IDLE_AFTER_MS) {}

  get idle(): boolean {
    return this.idle$.value;
  }

  /** Start following activity; until then (and where there is none to follow) the user counts as active. */
  start(activity$: Observable<unknown>): void {
    if (this.subscription) return;
    this.subscription = activity$.subscribe(() => this.active());
    if (!this.idle) this.arm();
  }

  setIdle(idle: boolean): void {
    if (idle) {
      this.disarm();
      if (!this.idle) this.idle$.next(true);
    } else {
      this.active();
    }
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.disarm();
  }

  private active(): void {
    if (this.idle) this.idle$.next(false);
    this.arm();
  }

  private arm(): void {
    this.disarm();
    if (!this.subscription) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.idle$.next(true);
    }, this.idleAfterMs);
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
