/**
 * Helpers for the integration tests (not exported by the package): a `ws` WebSocket that records
 * every frame and can play a bad network (refuse, go silent, rewrite the resume query), and a
 * cookie-jar `fetch` so cookie mode can be exercised from Node.
 */
import type { Presence } from '@st/protocol/core';
import { filter, firstValueFrom, type Observable } from 'rxjs';
import WebSocket from 'ws';
import type { ConnectionState } from './connection-state.ts';
import type { WebSocketCtor } from './types.ts';

export type Frame = { type: string } & Record<string, unknown>;

export class SocketLog {
  readonly sent: Frame[] = [];
  readonly received: Frame[] = [];
  readonly sockets: WebSocket[] = [];
  readonly urls: string[] = [];
  /** Every new socket goes to a closed port while true: the network is down. */
  refuse = false;
  /** Incoming frames are dropped while true: a dead link that never closes. */
  silent = false;
  /** Rewrites each URL before connecting. */
  rewrite: (url: string) => string = (url) => url;
  /** Headers for the upgrade request (a cookie, in cookie mode). */
  headers: () => Record<string, string> = () => ({});

  sentOfType(type: string): Frame[] {
    return this.sent.filter((f) => f.type === type);
  }

  receivedOfType(type: string): Frame[] {
    return this.received.filter((f) => f.type === type);
  }

  get current(): WebSocket | undefined {
    return this.sockets.at(-1);
  }

  /** A `WebSocket` class for `createClient` that records into this log. */
  ctor(): WebSocketCtor {
    const log = this;
    class RecordingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        const target = log.refuse ? 'ws://127.0.0.1:9/refused' : log.rewrite(url);
        super(target, protocols, { headers: log.headers() });
        log.sockets.push(this);
        log.urls.push(target);
      }
      override send(data: unknown, ...rest: unknown[]): void {
        log.sent.push(JSON.parse(String(data)) as Frame);
        (super.send as (...args: unknown[]) => void)(data, ...rest);
      }
      override emit(event: string | symbol, ...args: unknown[]): boolean {
        if (event === 'message') {
          if (log.silent) return false;
          log.received.push(JSON.parse(String(args[0])) as Frame);
        }
        return super.emit(event, ...args);
      }
    }
    return RecordingWebSocket as unknown as WebSocketCtor;
  }
}

/** The first value that passes `test` (the test's own timeout bounds the wait). */
export function next<T>(source: Observable<T>, test: (value: T) => boolean): Promise<T> {
  return firstValueFrom(source.pipe(filter(test)));
}

export function whenStatus(presence$: Observable<Presence>, status: Presence['status']): Promise<Presence> {
  return next(presence$, (p) => p.status === status);
}

export function whenState(
  state$: Observable<ConnectionState>,
  test: (state: ConnectionState) => boolean,
): Promise<ConnectionState> {
  return next(state$, test);
}

/** A `fetch` with a cookie jar, as a browser would have for the proxy's origin. */
export function cookieFetch(): { fetch: typeof fetch; cookie: () => string } {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const wrapped: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (jar.size) headers.set('cookie', cookie());
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return { fetch: wrapped, cookie };
}

/**
 * `navigator.locks` for Node tests of tab sharing (Node 20 has none): exclusive locks by name,
 * `ifAvailable`, waiting in turn, and aborting a wait with a signal, as the Web Locks API does.
 */
export class MemoryLocks {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, (() => void)[]>();

  async request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown> {
    if (options.signal?.aborted) throw new DOMException('The request was aborted.', 'AbortError');
    if (this.held.has(name)) {
      if (options.ifAvailable) return callback(null);
      await this.wait(name, options.signal);
    } else {
      this.held.add(name);
    }
    try {
      return await callback({ name });
    } finally {
      const next = this.queues.get(name)?.shift();
      if (next) next();
      else this.held.delete(name);
    }
  }

  /** Resolves once the lock is handed to this request (it stays marked as held). */
  private wait(name: string, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(name) ?? [];
      this.queues.set(name, queue);
      const abort = () => {
        queue.splice(queue.indexOf(grant), 1);
        reject(new DOMException('The request was aborted.', 'AbortError'));
      };
      const grant = () => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      signal?.addEventListener('abort', abort, { once: true });
      queue.push(grant);
    });
  }
}
