/** Messages between the fan-out benchmark and its load workers (IPC with structured clone). */

/** CPU time in the process's own code (user) and in the kernel on its behalf (system), in ms. */
export interface CpuMs {
  user: number;
  system: number;
}

/** What holds each session: a bare `ws` socket, or an SDK client (`createClient`) over one. */
export type ClientKind = 'raw' | 'sdk';

/** One WebSocket session a worker opens. */
export interface SessionSpec {
  /** Where this session connects, when not where the phase's other sessions do (several proxies). */
  url?: string;
  /** Subprotocols to offer (the proxy's carry the bearer token). */
  protocols?: string[];
  /** The bearer token itself, for sessions through the SDK. */
  token?: string;
  /** People to watch: sent as one `watch` frame, and the session is ready once it is acked. */
  watch?: string[];
}

export type ToWorker =
  | { type: 'open'; url: string; sessions: SessionSpec[]; concurrency: number; client: ClientKind }
  /** The measured changes start now: count CPU time from here. */
  | { type: 'mark' }
  | { type: 'results' }
  | { type: 'close' };

export interface WorkerResults {
  type: 'results';
  /** Per change number: the receive time at each socket, in ms since the shared clock base. */
  receipts: [change: number, times: Float64Array][];
  /** Per change number: the size of the message that carried it, in bytes. */
  messageBytes: [change: number, bytes: number][];
  /** CPU time of the worker since `mark`, in ms. */
  cpuMs: CpuMs;
  /** Sockets that closed before the worker was asked to close them. */
  closedEarly: number;
}

export type FromWorker =
  /** The worker listens for messages now. */
  | { type: 'ready' }
  | { type: 'opened'; open: number; failed: number; firstError?: string }
  /** Every open socket of this worker has received the change. */
  | { type: 'complete'; change: number }
  | { type: 'marked' }
  | WorkerResults
  | { type: 'closed' }
  | { type: 'failed'; message: string };
