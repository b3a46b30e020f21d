/**
 * `client.settings` before its code is loaded: each observable and call loads the store first
 * (one chunk, on first use), so a page that never looks at preferences never downloads them.
 */
import type { SettingsStore, StSettings } from './chat/settings-store.ts';
import { type LazyPart, lazyObservable } from './lazy-part.ts';

export function lazySettings(store: LazyPart<SettingsStore>): StSettings {
  return {
    preferences$: lazyObservable(async () => (await store.get()).preferences$),
    privacy$: lazyObservable(async () => (await store.get()).privacy$),
    preferences: async () => (await store.get()).preferences(),
    privacy: async () => (await store.get()).privacy(),
    updatePreferences: async (patch) => (await store.get()).updatePreferences(patch),
    setPrivacy: async (list) => (await store.get()).setPrivacy(list),
  };
}
