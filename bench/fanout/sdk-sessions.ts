/**
 * The fan-out benchmark's sessions through the SDK (`--client sdk`): one `createClient` per
 * session, all in the load worker's process, each subscribed to the hot person and its others. A
 * delivery is timed when the SDK emits the hot person's new presence to its subscriber, so the
 * SDK's whole per-event path (parse, sequence, presence hub, RxJS) is inside the measurement.
 */
import { createClient, type StClient, type WebSocketCtor } from '@st/client';
import WebSocket from 'ws';
import { markIn, markInText } from './marks.ts';
import type { SessionSpec } from './worker-messages.ts';

export interface SdkSessionEvents {
  /** The hot person's presence carrying `change` reached this session's subscriber. */
  delivered(change: number, received: bigint): void;
}

const OPEN_TIMEOUT_MS = 60_000;

class SdkOpenError extends Error {
  override name = 'SdkOpenError';
}

/** `ws://host/api/v1/ws` → `http://host`, the server an SDK client is given. */
export function serverOf(wsUrl: string): string {
  return wsUrl.replace(/^ws/, 'http').replace(/\/api\/v1\/ws$/, '');
}

/**
 * A `ws` that also notes the size of each marked message: the SDK hands over presence, not bytes,
 * and the raw peer sends messages of the proxy's size. One session per worker uses it.
 */
function sizingWebSocket(sizes: Map<number, number>): WebSocketCtor {
  return class SizingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: Buffer) => {
        const change = markIn(data);
        if (change !== undefined) sizes.set(change, data.length);
      });
    }
  };
}

/** Opens one SDK session; resolves once the hot person's presence is known (the watch answered). */
export function openSdkSession(
  server: string,
  spec: SessionSpec,
  events: SdkSessionEvents,
  sizes?: Map<number, number>,
): Promise<StClient> {
  const [hot, ...others] = spec.watch ?? [];
  if (!hot || !spec.token)
    return Promise.reject(new SdkOpenError('an SDK session needs a token and a watch list'));
  return new Promise((resolve, reject) => {
    const client = createClient({
      server,
      token: spec.token,
      WebSocket: sizes ? sizingWebSocket(sizes) : WebSocket,
      storage: false,
    });
    let ready = false;
    const timer = setTimeout(() => fail('timed out opening'), OPEN_TIMEOUT_MS);
    function fail(why: string): void {
      clearTimeout(timer);
      client.close();
      reject(new SdkOpenError(why));
    }
    client.presence(hot).subscribe((presence) => {
      const received = process.hrtime.bigint();
      const change = markInText(presence.message);
      if (change !== undefined) events.delivered(change, received);
      else if (!ready && presence.status !== 'unknown') {
        ready = true;
        clearTimeout(timer);
        resolve(client);
      }
    });
    for (const id of others) client.presence(id).subscribe();
    // A refused login or origin stops the client for good; a lost socket it retries by itself.
    client.state$.subscribe((state) => {
      if (!ready && (state.status === 'unauthenticated' || state.status === 'closed'))
        fail(`${state.status}: ${state.reason}`);
    });
  });
}
