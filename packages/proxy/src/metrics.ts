/**
 * Prometheus metrics of one proxy, on its own registry (several proxies may share a process in
 * tests). Counters on the fan-out path are plain numbers added up when Prometheus scrapes, so
 * sending to 10,000 streams costs no label lookups.
 */
import type { ErrorCode } from '@st/protocol';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { TRANSPORT_KINDS, type TransportKind } from './stream/transport.ts';

export interface HotCounters {
  eventsSent: Record<TransportKind, number>;
  wsFramesIn: number;
  wsFramesOut: number;
  presenceChanges: number;
}

let processRegistry: Registry | undefined;

/**
 * The process's own metrics (CPU, memory, event loop lag, GC), collected once per process however
 * many proxies run in it: each collector installs observers that are never removed.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class ProxyMetrics {
  readonly registry = new Registry();
  readonly hot: HotCounters = {
    eventsSent: { websocket: 0, sse: 0, poll: 0 },
    wsFramesIn: 0,
    wsFramesOut: 0,
    presenceChanges: 0,
  };
  readonly logins: Counter<'result'>;
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly errors: Counter<'code'>;
  readonly fanoutBatch: Histogram;

  constructor(sources: {
    connected: () => Record<TransportKind, number>;
    logins: () => number;
    watchedPeople: () => number;
  }) {
    const registers = [this.registry];
    this.logins = new Counter({
      name: 'st_logins_total',
      help: 'Login attempts by result (success, bad_credentials, rate_limited).',
      labelNames: ['result'],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'st_http_requests_total',
      help: 'HTTP requests by route pattern, method and status.',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.errors = new Counter({
      name: 'st_errors_total',
      help: 'Error answers and error frames by catalogue code.',
      labelNames: ['code'],
      registers,
    });
    this.fanoutBatch = new Histogram({
      name: 'st_fanout_batch_streams',
      help: 'Streams reached by one coalesced presence fan-out.',
      buckets: [1, 10, 100, 1000, 10_000, 100_000],
      registers,
    });
    new Gauge({
      name: 'st_streams_connected',
      help: 'Event streams with a connected transport, by transport.',
      labelNames: ['transport'],
      registers,
      collect() {
        const counts = sources.connected();
        for (const kind of TRANSPORT_KINDS) this.set({ transport: kind }, counts[kind]);
      },
    });
    new Gauge({
      name: 'st_logins_active',
      help: 'Logins (tokens) that have not expired or logged out.',
      registers,
      collect() {
        this.set(sources.logins());
      },
    });
    new Gauge({
      name: 'st_watched_people',
      help: 'People watched by at least one stream here: each is one community subscription.',
      registers,
      collect() {
        this.set(sources.watchedPeople());
      },
    });
    const hot = this.hot;
    const seen = { events: { websocket: 0, sse: 0, poll: 0 }, in: 0, out: 0, changes: 0 };
    new Counter({
      name: 'st_events_sent_total',
      help: 'Sequenced events sent to clients (replays included), by transport.',
      labelNames: ['transport'],
      registers,
      collect() {
        for (const kind of TRANSPORT_KINDS) {
          this.inc({ transport: kind }, hot.eventsSent[kind] - seen.events[kind]);
          seen.events[kind] = hot.eventsSent[kind];
        }
      },
    });
    new Counter({
      name: 'st_ws_frames_total',
      help: 'WebSocket frames, by direction (in from clients, out to them).',
      labelNames: ['direction'],
      registers,
      collect() {
        this.inc({ direction: 'in' }, hot.wsFramesIn - seen.in);
        this.inc({ direction: 'out' }, hot.wsFramesOut - seen.out);
        seen.in = hot.wsFramesIn;
        seen.out = hot.wsFramesOut;
      },
    });
    new Counter({
      name: 'st_presence_changes_total',
      help: 'Presence changes of watched people heard from the community server.',
      registers,
      collect() {
        this.inc(hot.presenceChanges - seen.changes);
        seen.changes = hot.presenceChanges;
      },
    });
  }

  /** The Prometheus text of this proxy's metrics and the process's. */
  text(): Promise<string> {
    return Registry.merge([this.registry, processMetrics()]).metrics();
  }

  readonly contentType = Registry.PROMETHEUS_CONTENT_TYPE;

  readonly observeError = (code: ErrorCode): void => {
    this.errors.inc({ code });
  };
}
