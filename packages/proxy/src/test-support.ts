/**
 * Helpers for the proxy's own tests: real HTTP with fetch, real WebSockets with `ws`, and waiting
 * for conditions instead of for time.
 */
import { type ErrorBody, type Presence, WS_BEARER_PREFIX, WS_PROTOCOL } from '@st/protocol';
import WebSocket from 'ws';

export interface TestSession {
  userId: string;
  token: string;
  csrfToken: string;
  /** The `st_session=…` pair to send as a Cookie header. */
  cookie: string;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  cookie?: string;
  csrf?: string;
  origin?: string;
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  headers?: Record<string, string>;
  body?: string;
}

export function request(base: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.csrf) headers['x-st-csrf'] = options.csrf;
  if (options.origin) headers.origin = options.origin;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  return fetch(`${base}${path}`, { method: options.method ?? 'GET', headers, body });
}

export async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as ErrorBody;
  return body.error.code;
}

export async function login(
  base: string,
  userId: string,
  extra: { password?: string; client?: 'web' | 'mobile' } = {},
): Promise<TestSession> {
  const response = await request(base, '/api/v1/session', {
    method: 'POST',
    json: { userId, password: extra.password ?? 'demo', ...(extra.client ? { client: extra.client } : {}) },
  });
  if (response.status !== 201) throw new Error(`login of ${userId} answered ${response.status}`);
  const body = (await response.json()) as { token: string; csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { userId, token: body.token, csrfToken: body.csrfToken, cookie };
}

export async function presenceOf(base: string, session: TestSession, ids: string[]): Promise<Presence[]> {
  const response = await request(base, `/api/v1/presence?users=${ids.join(',')}`, { token: session.token });
  return ((await response.json()) as { presence: Presence[] }).presence;
}

/** Polls `check` until it holds (the test's timeout bounds the wait). */
export async function waitFor(check: () => boolean | Promise<boolean>, intervalMs = 20): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, intervalMs));
}

// Frames are parsed JSON of any shape: tests look at the fields they care about.
// biome-ignore lint/suspicious/noExplicitAny: test frames are loosely typed on purpose
export type Frame = Record<string, any>;

export interface OpenOptions {
  token?: string;
  cookie?: string;
  origin?: string;
  stream?: string;
  since?: number;
  protocols?: string[];
}

/** A WebSocket client that keeps every frame, so a test can wait for the one it expects. */
export class TestSocket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  /** How the socket closed, once it has (for errors that say why). */
  private closing = '';
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.closing = `${code}${reason.length > 0 ? ` ${reason.toString()}` : ''}`;
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    socket.on('error', () => {});
  }

  static open(base: string, options: OpenOptions = {}): TestSocket {
    const query = new URLSearchParams();
    if (options.stream !== undefined) query.set('stream', options.stream);
    if (options.since !== undefined) query.set('since', String(options.since));
    const protocols = options.protocols ?? [
      WS_PROTOCOL,
      ...(options.token ? [`${WS_BEARER_PREFIX}${options.token}`] : []),
    ];
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (options.origin) headers.origin = options.origin;
    const url = `${base.replace(/^http/, 'ws')}/api/v1/ws${query.size > 0 ? `?${query}` : ''}`;
    return new TestSocket(new WebSocket(url, protocols, { headers }));
  }

  /** Waits for the first frame (after `from`) that matches; answers it and its index. */
  async next(match: (frame: Frame) => boolean, from = 0): Promise<Frame> {
    for (;;) {
      const index = this.frames.findIndex((frame, i) => i >= from && match(frame));
      if (index >= 0) return this.frames[index]!;
      if (this.socket.readyState === WebSocket.CLOSED)
        throw new Error(`socket closed (${this.closing || 'no close frame'}) while waiting for a frame`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  hello(): Promise<Frame> {
    return this.next((f) => f.type === 'hello');
  }

  /** Waits for a presence event showing `userId` as `status` (and `mobile`, when given). */
  presence(userId: string, status: string, from = 0, mobile?: boolean): Promise<Frame> {
    return this.next(
      (f) =>
        f.type === 'presence' &&
        (f.presence as Presence[]).some(
          (p) => p.userId === userId && p.status === status && (mobile === undefined || p.mobile === mobile),
        ),
      from,
    );
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }

  /** Drops the connection without a closing handshake, like a network failure. */
  drop(): Promise<{ code: number; reason: string }> {
    this.socket.terminate();
    return this.closed;
  }
}

/** Streams the proxy counts as connected over `transport`, read from /metrics. */
export async function connectedStreams(
  base: string,
  transport: 'websocket' | 'sse' | 'poll',
): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const match = new RegExp(`^st_streams_connected\\{transport="${transport}"\\} (\\d+)$`, 'm').exec(text);
  return Number(match?.[1] ?? Number.NaN);
}
