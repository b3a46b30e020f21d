/**
 * The event stream over one WebSocket at a time: opens it, resumes it after a loss with
 * `?stream=&since=`, detects dead links from the proxy's heartbeat, and reconnects with capped
 * full-jitter backoff. It knows nothing of presence: frames go to the handlers.
 */
import type { HelloFrame } from '@st/protocol/core';
import { BehaviorSubject } from 'rxjs';
import type { Backoff } from './backoff.ts';
import {
  type ConnectionState,
  ConnectionStatus,
  INITIAL_STATE,
  judgeClose,
  StateCode,
} from './connection-state.ts';
import { type IncomingFrame, parseFrame } from './frames.ts';
import type { WebSocketCtor, WebSocketLike } from './types.ts';

/** How long an opened socket may take to say hello before it is abandoned. */
export const CONNECT_TIMEOUT_MS = 15_000;
/** Close code the client uses when it abandons a socket itself (4000–4999 are the application's). */
const CLIENT_ABANDON_CODE = 4000;
const NORMAL_CLOSE_CODE = 1000;
const OPEN = 1;

export type SequencedFrame = Extract<IncomingFrame, { seq: number }>;
export type ReplyFrame = Extract<IncomingFrame, { type: 'ack' | 'error' }>;

export interface StreamHandlers {
  /** The stream is open; `fresh` when it is a new stream (nothing watched yet, nothing replayed). */
  hello(hello: HelloFrame, fresh: boolean): void;
  /** A sequenced event, in order and without duplicates. */
  event(frame: SequencedFrame): void;
  /** Events were skipped: what the client knows may be stale. */
  gap(): void;
  reply(frame: ReplyFrame): void;
  /** The connection stopped by itself in a final status (login gone, origin refused, replaced). */
  stopped(state: ConnectionState): void;
}

export interface StreamConnectionConfig {
  /** `ws(s)://…/api/v1/ws`, without a query. */
  url: string;
  protocols: () => string[];
  WebSocket: () => WebSocketCtor;
  backoff: Backoff;
  /** Asked after a socket failed before its hello: `false` when the login is gone. */
  checkLogin?: () => Promise<boolean>;
  handlers: StreamHandlers;
  /** Each frame of the stream (sequenced and new, or a ping) as it came: for the other tabs. */
  relay?: (data: string) => void;
}

export class StreamConnection {
  readonly state$ = new BehaviorSubject<ConnectionState>(INITIAL_STATE);
  private socket: WebSocketLike | null = null;
  private ready = false;
  private streamId: string | undefined;
  private seenSeq = 0;
  private askedToResume = false;
  private heartbeatMs = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  /** When the current socket last delivered anything (`Date.now()`). */
  private heardAt = 0;
  /** Bumped whenever the connection starts over, so late answers about an old attempt are ignored. */
  private generation = 0;
  /** The state this connection's hello gave it (shown again when a mirrored outage ends). */
  private greetedState: ConnectionState | undefined;

  constructor(private readonly config: StreamConnectionConfig) {}

  get state(): ConnectionState {
    return this.state$.value;
  }

  /** Connected and greeted: frames may be sent. */
  get isReady(): boolean {
    return this.ready && this.socket?.readyState === OPEN;
  }

  /** The last event seen of the current stream. */
  get lastSeq(): number {
    return this.seenSeq;
  }

  get isActive(): boolean {
    const { status } = this.state;
    return status === 'connecting' || status === 'connected' || status === 'reconnecting';
  }

  start(): void {
    if (!this.isActive) this.open();
  }

  /** Start over on a new stream now (the login changed). */
  restart(): void {
    this.stop(ConnectionStatus.Idle, StateCode.NotStarted, 'Starting over.');
    this.open();
  }

  stop(status: ConnectionStatus, code: string, reason: string): void {
    this.drop(NORMAL_CLOSE_CODE);
    this.streamId = undefined;
    this.seenSeq = 0;
    this.config.backoff.reset();
    this.setState({ status, code, reason, attempt: 0 });
  }

  /**
   * A tab that follows another: the leading tab's own stream changed state. While that stream is
   * away this one, which goes through it, shows why (reconnecting, with the leader's code and
   * reason); when it is back, this connection shows its own connected state again.
   */
  mirror(leader: ConnectionState): void {
    if (!this.isReady || !this.greetedState) return;
    if (leader.status === 'connected') {
      if (this.state !== this.greetedState) this.setState(this.greetedState);
    } else if (leader.status === 'reconnecting' || leader.status === 'connecting') {
      this.setState({
        ...leader,
        status: 'reconnecting',
        reason: `Through the leading tab: ${leader.reason}`,
      });
    }
  }

  /** Skip the wait before the next attempt (the device came online, the page became visible). */
  retryNow(): void {
    if (this.retryTimer === undefined) return;
    this.open();
  }

  send(frame: object): boolean {
    if (!this.isReady) return false;
    this.socket!.send(JSON.stringify(frame));
    return true;
  }

  private open(): void {
    this.drop();
    const generation = this.generation;
    const starting = !this.isActive;
    this.setState(
      starting
        ? {
            status: 'connecting',
            code: StateCode.Connecting,
            reason: 'Opening the event stream.',
            attempt: 0,
          }
        : {
            status: 'reconnecting',
            code: StateCode.Connecting,
            reason: 'Opening the event stream again.',
            attempt: this.config.backoff.attempts,
          },
    );
    this.askedToResume = this.streamId !== undefined;
    const query = this.streamId ? `?stream=${encodeURIComponent(this.streamId)}&since=${this.seenSeq}` : '';
    let socket: WebSocketLike;
    try {
      const WebSocketImpl = this.config.WebSocket();
      socket = new WebSocketImpl(`${this.config.url}${query}`, this.config.protocols());
    } catch (error) {
      this.retryLater(StateCode.TransportClosed, `The stream could not be opened: ${String(error)}`);
      return;
    }
    this.socket = socket;
    socket.onmessage = (event: { data: unknown }) => {
      if (this.socket === socket) this.receive(event.data);
    };
    socket.onclose = (event: { code: number; reason: string }) => {
      if (this.socket === socket) this.lost(event.code, event.reason, generation);
    };
    // Errors are always followed by a close; a listener must exist or `ws` throws on them.
    socket.onerror = ignore;
    this.armWatchdog();
  }

  private receive(data: unknown): void {
    // Noted, not re-armed: a timer per message would be the costliest thing on the event path.
    this.heardAt = Date.now();
    const frame = parseFrame(data);
    if (!frame) return;
    switch (frame.type) {
      case 'hello':
        this.greeted(frame);
        return;
      case 'presence':
      case 'event':
        this.sequenced(frame, data as string);
        return;
      case 'ack':
      case 'error':
        this.config.handlers.reply(frame);
        return;
      case 'ping':
        this.config.relay?.(data as string);
        return;
    }
  }

  private greeted(hello: HelloFrame): void {
    const resumed = this.askedToResume && hello.recovered && hello.streamId === this.streamId;
    const hadStream = this.askedToResume;
    this.streamId = hello.streamId;
    if (!resumed) this.seenSeq = hello.seq;
    this.heartbeatMs = hello.heartbeatMs;
    this.ready = true;
    this.config.backoff.reset();
    this.setState({
      status: 'connected',
      code: resumed ? StateCode.Resumed : hadStream ? StateCode.Snapshot : StateCode.Connected,
      reason: resumed
        ? 'Reconnected; missed events are replayed.'
        : hadStream
          ? 'Reconnected on a new stream; presence is reloaded.'
          : 'Connected.',
      attempt: 0,
    });
    this.greetedState = this.state;
    this.armWatchdog();
    this.config.handlers.hello(hello, !resumed);
  }

  private sequenced(frame: SequencedFrame, data: string): void {
    if (frame.seq <= this.seenSeq) return; // already seen (a replay overlapping what arrived)
    const skipped = frame.seq > this.seenSeq + 1;
    this.seenSeq = frame.seq;
    this.config.relay?.(data);
    if (skipped) this.config.handlers.gap();
    this.config.handlers.event(frame);
  }

  private lost(code: number, reason: string, generation: number): void {
    const greeted = this.ready;
    this.socket = null;
    this.ready = false;
    this.clearTimers();
    const verdict = judgeClose(code, reason);
    if (!verdict.retry) {
      this.stop(verdict.status, verdict.code, verdict.reason);
      this.config.handlers.stopped(this.state);
      return;
    }
    this.retryLater(verdict.code, verdict.reason);
    // A refused upgrade (HTTP 401) looks like any network failure to a WebSocket: ask over HTTP.
    if (!greeted && this.config.checkLogin) this.probeLogin(generation);
  }

  private probeLogin(generation: number): void {
    this.config.checkLogin!().then((valid) => {
      if (valid || generation !== this.generation || this.state.status !== 'reconnecting') return;
      this.stop('unauthenticated', StateCode.Unauthenticated, 'The login is gone; log in again.');
      this.config.handlers.stopped(this.state);
    }, ignore);
  }

  private retryLater(code: string, reason: string): void {
    this.clearTimers();
    const delay = this.config.backoff.next();
    this.setState({
      status: 'reconnecting',
      code,
      reason,
      attempt: this.config.backoff.attempts,
      retryInMs: delay,
    });
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  /**
   * Before the hello: the connect timeout; after it: twice the heartbeat without a frame. The
   * timer is set once per period, not per message: when it fires it checks `heardAt` and, if the
   * socket spoke meanwhile, waits out the rest of the period from that moment.
   */
  private armWatchdog(): void {
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    const ms = this.ready ? this.heartbeatMs * 2 : CONNECT_TIMEOUT_MS;
    if (!ms || !this.socket) return;
    this.heardAt = Date.now();
    const [code, reason] = this.ready
      ? [StateCode.DeadLink, `Nothing heard from the proxy for ${ms} ms.`]
      : [StateCode.ConnectTimeout, `The proxy did not answer within ${ms} ms.`];
    const check = (): void => {
      const left = this.heardAt + ms - Date.now();
      if (this.ready && left > 0) {
        this.watchdog = setTimeout(check, left);
        return;
      }
      this.drop();
      this.retryLater(code, reason);
    };
    this.watchdog = setTimeout(check, ms);
  }

  /** Forget the current socket (closing it quietly) and every timer. */
  private drop(closeCode = CLIENT_ABANDON_CODE): void {
    this.generation++;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    this.ready = false;
    if (!socket) return;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onopen = null;
    try {
      socket.close(closeCode, 'client');
    } catch {
      // Already closed or closing.
    }
  }

  private clearTimers(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.retryTimer = undefined;
    this.watchdog = undefined;
  }

  private setState(state: ConnectionState): void {
    this.state$.next(state);
  }
}

function ignore(): void {}
