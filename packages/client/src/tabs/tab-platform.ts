/**
 * What tab sharing needs from the browser: Web Locks (to elect the tab that holds the stream) and
 * BroadcastChannel (to pass the stream's frames around). Passed in like the rest of the platform;
 * the browser's are looked up when a client is made, never at import, and only where a page exists.
 */

/** The part of `navigator.locks` the SDK uses. */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

/**
 * The part of a `BroadcastChannel` the SDK uses (the browser's and Node's fit; the handler's
 * parameter is `never` so either's own event type is accepted).
 */
export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: never) => void) | null;
  close(): void;
}

/** The channel of a group of tabs (`key`: the proxy and the login), and the lock whose holder leads it. */
export const channelName = (key: string) => `st-tabs ${key}`;
export const streamLockName = (key: string) => `st-stream ${key}`;

export interface TabPlatform {
  locks: LockManagerLike;
  channel(name: string): BroadcastChannelLike;
}

/**
 * The browser's, where a page has both (Web Locks exist only in secure contexts: HTTPS, localhost);
 * `undefined` elsewhere, in Node and in workers without a document.
 */
export function browserTabs(): TabPlatform | undefined {
  if (typeof document === 'undefined' || typeof navigator === 'undefined') return undefined;
  const locks = (navigator as { locks?: LockManagerLike }).locks;
  const Channel = (globalThis as { BroadcastChannel?: new (name: string) => BroadcastChannelLike })
    .BroadcastChannel;
  if (!locks || !Channel) return undefined;
  return { locks, channel: (name) => new Channel(name) };
}
