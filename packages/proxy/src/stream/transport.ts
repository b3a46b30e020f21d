/** How a stream reaches its client. One stream has at most one transport at a time. */
export const TransportKind = { WebSocket: 'websocket', Sse: 'sse', Poll: 'poll' } as const;
export type TransportKind = (typeof TransportKind)[keyof typeof TransportKind];
export const TRANSPORT_KINDS = Object.values(TransportKind);

export interface Transport {
  readonly kind: TransportKind;
  /** A sequenced event, already serialized (`data` is the JSON text of the event). */
  sendEvent(seq: number, type: string, data: string): void;
  /** A control frame (`hello`, `ack`, `error`, `ping`): never sequenced or replayed. */
  sendControl(type: ControlType, json: string): void;
  /** Ends the transport; the stream it served is already detached from it or about to be. */
  close(code: number, reason: string): void;
  /**
   * Called every half heartbeat: a transport that sent nothing since the last call sends a ping,
   * so the client never goes a whole heartbeat without hearing from the proxy.
   */
  heartbeat(): void;
}

export type ControlType = 'hello' | 'ack' | 'error' | 'ping';

export const PING_FRAME = '{"type":"ping"}';

/**
 * Heartbeat and liveness bookkeeping shared by the push transports: `heartbeat()` runs every half
 * heartbeat, so a transport that sent nothing since the previous run sends a ping and the client
 * never waits a whole heartbeat.
 */
export class Beat {
  sentSinceBeat = false;

  /** True when the transport should send a ping now. */
  due(): boolean {
    const due = !this.sentSinceBeat;
    this.sentSinceBeat = false;
    return due;
  }
}
