/**
 * The platform of a real phone, from Capacitor's plugins: push registration and taps from
 * `@capacitor/push-notifications`, foreground and background from `@capacitor/app`, storage from
 * `@capacitor/preferences` (UserDefaults on iOS, SharedPreferences on Android).
 */
import { App } from '@capacitor/app';
import { Capacitor, type PluginListenerHandle } from '@capacitor/core';
import { Preferences } from '@capacitor/preferences';
import { PushNotifications } from '@capacitor/push-notifications';
import type { DeviceToken, MobilePlatform } from './types.ts';

/** The action id the app's notification category gives its reply field (see docs/mobile.md). */
export const REPLY_ACTION = 'reply';

function pushPlatform(): DeviceToken['platform'] {
  return Capacitor.getPlatform() === 'android' ? 'android' : 'ios';
}

/** Stops a Capacitor listener whether or not its registration has finished yet. */
function stopper(handle: Promise<PluginListenerHandle>): () => void {
  return () => {
    void handle.then((h) => h.remove());
  };
}

export function capacitorPlatform(): MobilePlatform {
  return {
    push: {
      async register() {
        let permission = await PushNotifications.checkPermissions();
        if (permission.receive === 'prompt' || permission.receive === 'prompt-with-rationale') {
          permission = await PushNotifications.requestPermissions();
        }
        if (permission.receive !== 'granted') return null;
        const token = new Promise<DeviceToken>((resolve, reject) => {
          const done = PushNotifications.addListener('registration', ({ value }) => {
            stopper(done)();
            resolve({ platform: pushPlatform(), token: value });
          });
          const failed = PushNotifications.addListener('registrationError', ({ error }) => {
            stopper(failed)();
            reject(new Error(error));
          });
        });
        await PushNotifications.register();
        return token;
      },
      onTokenChange(listener) {
        return stopper(
          PushNotifications.addListener('registration', ({ value }) =>
            listener({ platform: pushPlatform(), token: value }),
          ),
        );
      },
      onAction(listener) {
        return stopper(
          PushNotifications.addListener('pushNotificationActionPerformed', (action) =>
            listener({
              data: (action.notification.data ?? {}) as Record<string, unknown>,
              replyText: action.actionId === REPLY_ACTION ? action.inputValue : undefined,
            }),
          ),
        );
      },
    },
    appState: {
      onChange(listener) {
        return stopper(App.addListener('appStateChange', ({ isActive }) => listener(isActive)));
      },
    },
    storage: {
      async get(key) {
        return (await Preferences.get({ key })).value;
      },
      set: (key, value) => Preferences.set({ key, value }),
      remove: (key) => Preferences.remove({ key }),
    },
  };
}
