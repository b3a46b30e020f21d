import { CloseCode } from '@st/protocol';
import { WebSocket } from 'ws';
import type { HotCounters } from '../metrics.ts';
import { Beat, type ControlType, PING_FRAME, type Transport, TransportKind } from './transport.ts';

/** Past this much unsent data the client is too slow: it is closed and resumes when it can. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** A peer silent this long (no frame, no pong) is gone even if TCP has not noticed. */
const MIN_DEAD_AFTER_MS = 10_000;

export class WebSocketTransport implements Transport {
  readonly kind = TransportKind.WebSocket;
  private readonly beat = new Beat();
  private heard = true;
  private silentBeats = 0;
  private readonly deadAfterBeats: number;

  constructor(
    private readonly socket: WebSocket,
    private readonly hot: HotCounters,
    heartbeatMs: number,
  ) {
    this.deadAfterBeats = Math.ceil(Math.max(2 * heartbeatMs, MIN_DEAD_AFTER_MS) / (heartbeatMs / 2));
  }

  sendEvent(_seq: number, _type: string, data: string): void {
    if (this.send(data)) this.hot.eventsSent.websocket++;
  }

  sendControl(_type: ControlType, json: string): void {
    this.send(json);
  }

  private send(text: string): boolean {
    if (this.socket.readyState !== WebSocket.OPEN) return false;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.TryAgainLater, 'too slow');
      return false;
    }
    this.socket.send(text);
    this.beat.sentSinceBeat = true;
    this.hot.wsFramesOut++;
    return true;
  }

  /** The peer said something (a frame or a pong). */
  heardFrom(): void {
    this.heard = true;
  }

  heartbeat(): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.heard) this.silentBeats = 0;
    else if (++this.silentBeats >= this.deadAfterBeats) {
      this.socket.terminate();
      return;
    }
    this.heard = false;
    // A protocol ping: browsers and `ws` answer it without the application's help.
    this.socket.ping();
    if (this.beat.due()) this.send(PING_FRAME);
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code, reason);
    }
  }
}
