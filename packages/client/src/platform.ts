/**
 * The few things the SDK needs from its surroundings, passed in so the browser, a Capacitor shell
 * and Node tests each plug in their own. The browser defaults touch `window`/`document` only when
 * subscribed, never at import, and are inert where those do not exist.
 */
import { defer, EMPTY, filter, fromEvent, map, merge, type Observable, throttleTime } from 'rxjs';
import type { TabPlatform } from './tabs/tab-platform.ts';

export interface Platform {
  /** Connectivity changes: `true` when the device comes back online. */
  online$: Observable<boolean>;
  /** Page visibility changes: `true` when the page becomes visible. */
  visible$: Observable<boolean>;
  /** One emission per user action (pointer, key, the page becoming visible). */
  activity$: Observable<unknown>;
  /**
   * Web Locks and BroadcastChannel, for one stream shared by the tabs of a login. Default: the
   * browser's, in a page (secure contexts only); none elsewhere, so Node clients never share.
   */
  tabs?: TabPlatform;
}

/** Bursts of pointer moves count once a second: the idle timer needs no finer grain. */
const ACTIVITY_THROTTLE_MS = 1000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const;

function hasWindow(): boolean {
  return typeof window !== 'undefined' && typeof window.addEventListener === 'function';
}

function hasDocument(): boolean {
  return typeof document !== 'undefined' && typeof document.addEventListener === 'function';
}

const online$: Observable<boolean> = defer(() =>
  hasWindow()
    ? merge(
        fromEvent(window, 'online').pipe(map(() => true)),
        fromEvent(window, 'offline').pipe(map(() => false)),
      )
    : EMPTY,
);

const visible$: Observable<boolean> = defer(() =>
  hasDocument()
    ? fromEvent(document, 'visibilitychange').pipe(map(() => document.visibilityState === 'visible'))
    : EMPTY,
);

const activity$: Observable<unknown> = defer(() => {
  if (!hasWindow()) return EMPTY;
  const actions = ACTIVITY_EVENTS.map((name) => fromEvent(window, name, { passive: true }));
  return merge(...actions, visible$.pipe(filter(Boolean))).pipe(throttleTime(ACTIVITY_THROTTLE_MS));
});

/** The browser platform (inert outside a browser). */
export const browserPlatform: Platform = { online$, visible$, activity$ };

/** Whether idleness can be measured at all: a page, or a platform that reports activity itself. */
export function canTrackActivity(platform: Partial<Platform> | undefined): boolean {
  return platform?.activity$ !== undefined || hasWindow();
}
