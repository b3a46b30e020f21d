/** The connection's states, and the code and reason that come with every transition. */

export const ConnectionStatus = {
  /** Not started: nobody needs the stream yet, or logged out. */
  Idle: 'idle',
  /** The first attempt to open the stream. */
  Connecting: 'connecting',
  /** The stream is open and the proxy said hello. */
  Connected: 'connected',
  /** The stream was lost; waiting (`retryInMs`) or trying again. */
  Reconnecting: 'reconnecting',
  /** The login is gone: log in again. The client does not retry by itself. */
  Unauthenticated: 'unauthenticated',
  /** Stopped for good: `close()` was called, or the proxy refused in a way retrying cannot fix. */
  Closed: 'closed',
} as const;
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus];

/** Why the state is what it is. Stable strings, for logs and for code that branches on them. */
export const StateCode = {
  NotStarted: 'not-started',
  LoggedOut: 'logged-out',
  Connecting: 'connecting',
  /** Connected on a new stream. */
  Connected: 'connected',
  /** Connected and every missed event was replayed. */
  Resumed: 'resumed',
  /** Connected, but the old stream was gone: presence is reloaded as a snapshot. */
  Snapshot: 'snapshot',
  /** The socket closed or failed to open. */
  TransportClosed: 'transport-closed',
  /** Nothing heard for twice the heartbeat. */
  DeadLink: 'dead-link',
  /** No `hello` in time after opening. */
  ConnectTimeout: 'connect-timeout',
  /** The proxy is draining or restarting (1001). */
  GoingAway: 'going-away',
  ProtocolError: 'protocol-error',
  /** The proxy stopped queueing for a client that reads too slowly (1013). */
  TryAgainLater: 'try-again-later',
  RateLimited: 'rate-limited',
  Unauthenticated: 'unauthenticated',
  OriginNotAllowed: 'origin-not-allowed',
  /** Another connection took this stream over. */
  Replaced: 'replaced',
  ClientClosed: 'client-closed',
} as const;
export type StateCode = (typeof StateCode)[keyof typeof StateCode];

export interface ConnectionState {
  status: ConnectionStatus;
  code: string;
  reason: string;
  /** Failed attempts since the last success. */
  attempt: number;
  /** While waiting to reconnect: how long until the next try. */
  retryInMs?: number;
}

export const INITIAL_STATE: ConnectionState = {
  status: ConnectionStatus.Idle,
  code: StateCode.NotStarted,
  reason: 'Waiting for a login and for something to watch.',
  attempt: 0,
};

/** What a closed socket means: retry (with the code to report), or stop in a final status. */
export type CloseVerdict =
  | { retry: true; code: StateCode; reason: string }
  | { retry: false; status: 'unauthenticated' | 'closed'; code: StateCode; reason: string };

/** Judges a close the proxy (or the network) caused, from its WebSocket close code and reason. */
export function judgeClose(closeCode: number, closeReason: string): CloseVerdict {
  const detail = closeReason ? `: ${closeReason}` : '';
  switch (closeCode) {
    case 4401:
      return {
        retry: false,
        status: ConnectionStatus.Unauthenticated,
        code: StateCode.Unauthenticated,
        reason: `The login is gone; log in again${detail}.`,
      };
    case 4403:
      return {
        retry: false,
        status: ConnectionStatus.Closed,
        code: StateCode.OriginNotAllowed,
        reason: 'The proxy does not allow this page’s origin.',
      };
    case 4400:
      return { retry: true, code: StateCode.ProtocolError, reason: `The proxy refused a frame${detail}.` };
    case 4429:
      return {
        retry: true,
        code: StateCode.RateLimited,
        reason: 'The proxy closed the stream: too many frames.',
      };
    case 1013:
      return {
        retry: true,
        code: StateCode.TryAgainLater,
        reason: `The proxy asked to reconnect later${detail}.`,
      };
    case 1001:
      return { retry: true, code: StateCode.GoingAway, reason: `The proxy is going away${detail}.` };
    case 1000:
      if (closeReason === 'replaced') {
        return {
          retry: false,
          status: ConnectionStatus.Closed,
          code: StateCode.Replaced,
          reason: 'Another connection took this stream over.',
        };
      }
      return {
        retry: true,
        code: StateCode.TransportClosed,
        reason: `The proxy closed the stream${detail}.`,
      };
    default:
      return {
        retry: true,
        code: StateCode.TransportClosed,
        reason: `The connection was lost (${closeCode}${detail}).`,
      };
  }
}
