/**
 * The few things the SDK needs from its surroundings, passed in so the browser, a Capacitor shell
 * and Node tests each plug in their own. The browser defaults touch `window`/`document` only when
 * subscribed, never at import, and are inert where those do not exist. They are plain Observables
 * over event listeners (no RxJS operators: every page with a live name loads this file).
 */
import { Observable } from 'rxjs';
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

/**
 * Events of a target as values; completes at once where there is no target (Node). `value`
 * returns `undefined` for an event that should not be passed on.
 */
function events<T>(
  target: () => EventTarget | undefined,
  names: readonly string[],
  value: (name: string) => T | undefined,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    const on = target();
    if (!on) {
      subscriber.complete();
      return;
    }
    const listeners = names.map((name) => {
      const listener = () => {
        const next = value(name);
        if (next !== undefined) subscriber.next(next);
      };
      on.addEventListener(name, listener, { passive: true });
      return () => on.removeEventListener(name, listener);
    });
    return () => {
      for (const remove of listeners) remove();
    };
  });
}

const windowIfAny = () => (hasWindow() ? window : undefined);
const documentIfAny = () => (hasDocument() ? document : undefined);
const isVisible = () => document.visibilityState === 'visible';

const online$ = events(windowIfAny, ['online', 'offline'], (name) => name === 'online');

const visible$ = events(documentIfAny, ['visibilitychange'], isVisible);

/** The first action of a burst, then nothing for a second (RxJS's `throttleTime`, by hand). */
const activity$ = new Observable<unknown>((subscriber) => {
  let last = Number.NEGATIVE_INFINITY;
  const act = () => {
    const now = Date.now();
    if (now - last < ACTIVITY_THROTTLE_MS) return undefined;
    last = now;
    return true;
  };
  const actions = events(windowIfAny, ACTIVITY_EVENTS, act).subscribe(subscriber);
  // The page becoming visible is an action too.
  actions.add(
    events(documentIfAny, ['visibilitychange'], () => (isVisible() ? act() : undefined)).subscribe(
      subscriber,
    ),
  );
  return actions;
});

/** The browser platform (inert outside a browser). */
export const browserPlatform: Platform = { online$, visible$, activity$ };

/** Whether idleness can be measured at all: a page, or a platform that reports activity itself. */
export function canTrackActivity(platform: Partial<Platform> | undefined): boolean {
  return platform?.activity$ !== undefined || hasWindow();
}
