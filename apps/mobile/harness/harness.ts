/**
 * The mobile app in a plain browser, for the browser tests: the same `startMobileApp` as on a
 * phone, with doubles of Capacitor's plugins at the platform seam. The page's URL names the proxy
 * (`?server=`) and the device token the double "receives" (`&token=`); the test drives the rest
 * through `window.stMobileHarness`: the app going to the background, a notification tapped.
 */
import { registerComponents } from '@st/components';
import { startMobileApp } from '../src/mobile-app.ts';
import type { MobilePlatform, NotificationAction } from '../src/platform/types.ts';

interface Harness {
  /** Conversations the app asked its chat launcher to open. */
  opened: string[];
  /** Device tokens the app asked the push double for. */
  registrations: number;
  setActive(active: boolean): void;
  tap(action: NotificationAction): void;
  errors: string[];
}

declare global {
  interface Window {
    stMobileHarness: Harness;
  }
}

const params = new URLSearchParams(location.search);
const appStateListeners = new Set<(active: boolean) => void>();
const actionListeners = new Set<(action: NotificationAction) => void>();
const listen = <T>(set: Set<T>, listener: T) => {
  set.add(listener);
  return () => set.delete(listener);
};

const harness: Harness = {
  opened: [],
  registrations: 0,
  errors: [],
  setActive: (active) => {
    for (const listener of appStateListeners) listener(active);
  },
  tap: (action) => {
    for (const listener of actionListeners) listener(action);
  },
};
window.stMobileHarness = harness;

const platform: MobilePlatform = {
  push: {
    async register() {
      harness.registrations++;
      return {
        platform: params.get('platform') === 'android' ? 'android' : 'ios',
        token: params.get('token') ?? 'harness',
      };
    },
    onTokenChange: () => () => {},
    onAction: (listener) => listen(actionListeners, listener),
  },
  appState: { onChange: (listener) => listen(appStateListeners, listener) },
  storage: {
    get: async (key) => localStorage.getItem(key),
    set: async (key, value) => localStorage.setItem(key, value),
    remove: async (key) => localStorage.removeItem(key),
  },
};

registerComponents();
void startMobileApp({
  platform,
  server: params.get('server') ?? location.origin,
  // No launcher of the harness's own: a tapped notification goes to the hosted client's chat tabs,
  // as in the real app. `opened` records what the app was asked to open.
  onOpenConversation: (conversationId) => harness.opened.push(conversationId),
  onError: (error) => harness.errors.push(String(error)),
});
