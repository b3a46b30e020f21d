/**
 * What one page load sends and receives, from the Chrome DevTools Protocol's Network domain:
 * WebSocket frames (and the `watch` frames among them), calls for names
 * (`GET /api/v1/users?ids=`), and the scripts loaded with their bytes on the wire.
 */
import type { CDPSession } from 'playwright-core';

interface RequestRecord {
  url: string;
  type: string | undefined;
  fromCache: boolean;
  contentEncoding: string | undefined;
  /** Bytes received for it on the wire, headers included (0 when served from a cache). */
  encodedBytes: number;
}

export interface ScriptLoad {
  url: string;
  fromCache: boolean;
  contentEncoding: string | null;
  transferBytes: number;
}

/**
 * When things happened, in ms after the page's own request was sent (close to navigation start);
 * null when they did not happen.
 */
export interface Timeline {
  socketCreated: number | null;
  helloReceived: number | null;
  firstWatchSent: number | null;
  lastWatchSent: number | null;
  firstPresenceReceived: number | null;
  lastPresenceReceived: number | null;
  firstNameRequest: number | null;
  lastNameResponse: number | null;
}

export interface LoadTraffic {
  wsFramesSent: number;
  wsFramesReceived: number;
  watchFrames: number;
  watchIds: number;
  /** `GET /api/v1/users?ids=` calls and the ids they asked for. */
  nameRequests: number;
  nameIds: number;
  /**
   * CORS preflights (`OPTIONS`) before those calls: Chromium reports them as requests of their own,
   * with the same URL. A page on another origin sending a Bearer token pays one per distinct URL
   * until the browser has cached it.
   */
  namePreflights: number;
  httpRequests: number;
  scripts: ScriptLoad[];
  timeline: Timeline;
}

const NO_TIMES: Timeline = {
  socketCreated: null,
  helloReceived: null,
  firstWatchSent: null,
  lastWatchSent: null,
  firstPresenceReceived: null,
  lastPresenceReceived: null,
  firstNameRequest: null,
  lastNameResponse: null,
};

function watchIdsIn(payload: string): number | undefined {
  try {
    const frame = JSON.parse(payload) as { type?: unknown; add?: unknown };
    return frame.type === 'watch' ? (Array.isArray(frame.add) ? frame.add.length : 0) : undefined;
  } catch {
    return undefined;
  }
}

export class NetworkRecorder {
  private requests = new Map<string, RequestRecord>();
  private traffic = NetworkRecorder.empty();
  /** CDP's monotonic time (seconds) of the page's own request. */
  private origin: number | undefined;
  private times: Timeline = { ...NO_TIMES };
  private readonly nameRequestIds = new Set<string>();

  private static empty(): Omit<LoadTraffic, 'scripts' | 'httpRequests' | 'timeline'> {
    return {
      wsFramesSent: 0,
      wsFramesReceived: 0,
      watchFrames: 0,
      watchIds: 0,
      nameRequests: 0,
      nameIds: 0,
      namePreflights: 0,
    };
  }

  private at(timestamp: number): number | null {
    return this.origin === undefined ? null : Math.round((timestamp - this.origin) * 1000);
  }

  static async attach(cdp: CDPSession): Promise<NetworkRecorder> {
    const recorder = new NetworkRecorder();
    cdp.on('Network.requestWillBeSent', (event) => {
      if (event.type === 'Document' && recorder.origin === undefined) recorder.origin = event.timestamp;
      recorder.requests.set(event.requestId, {
        url: event.request.url,
        type: event.type,
        fromCache: false,
        contentEncoding: undefined,
        encodedBytes: 0,
      });
      const url = new URL(event.request.url);
      if (
        url.pathname === '/api/v1/users' &&
        url.searchParams.has('ids') &&
        event.request.method === 'OPTIONS'
      ) {
        recorder.traffic.namePreflights++;
      } else if (url.pathname === '/api/v1/users' && url.searchParams.has('ids')) {
        recorder.traffic.nameRequests++;
        recorder.nameRequestIds.add(event.requestId);
        recorder.times.firstNameRequest ??= recorder.at(event.timestamp);
        recorder.traffic.nameIds += (url.searchParams.get('ids') ?? '').split(',').filter(Boolean).length;
      }
    });
    cdp.on('Network.requestServedFromCache', (event) => {
      const record = recorder.requests.get(event.requestId);
      if (record) record.fromCache = true;
    });
    cdp.on('Network.responseReceived', (event) => {
      const record = recorder.requests.get(event.requestId);
      if (!record) return;
      record.fromCache ||= Boolean(event.response.fromDiskCache);
      const headers = event.response.headers;
      record.contentEncoding = headers['content-encoding'] ?? headers['Content-Encoding'];
    });
    cdp.on('Network.loadingFinished', (event) => {
      const record = recorder.requests.get(event.requestId);
      if (record) record.encodedBytes = event.encodedDataLength;
      if (recorder.nameRequestIds.has(event.requestId))
        recorder.times.lastNameResponse = recorder.at(event.timestamp);
    });
    cdp.on('Network.webSocketWillSendHandshakeRequest', (event) => {
      recorder.times.socketCreated ??= recorder.at(event.timestamp);
    });
    cdp.on('Network.webSocketFrameSent', (event) => {
      recorder.traffic.wsFramesSent++;
      const ids = watchIdsIn(event.response.payloadData);
      if (ids !== undefined) {
        recorder.traffic.watchFrames++;
        recorder.traffic.watchIds += ids;
        recorder.times.firstWatchSent ??= recorder.at(event.timestamp);
        recorder.times.lastWatchSent = recorder.at(event.timestamp);
      }
    });
    cdp.on('Network.webSocketFrameReceived', (event) => {
      recorder.traffic.wsFramesReceived++;
      const payload = event.response.payloadData;
      if (payload.startsWith('{"type":"hello"'))
        recorder.times.helloReceived ??= recorder.at(event.timestamp);
      if (payload.includes('"type":"presence"')) {
        recorder.times.firstPresenceReceived ??= recorder.at(event.timestamp);
        recorder.times.lastPresenceReceived = recorder.at(event.timestamp);
      }
    });
    await cdp.send('Network.enable');
    return recorder;
  }

  /** Starts counting a new page load. */
  reset(): void {
    this.requests = new Map();
    this.traffic = NetworkRecorder.empty();
    this.origin = undefined;
    this.times = { ...NO_TIMES };
    this.nameRequestIds.clear();
  }

  snapshot(): LoadTraffic {
    const scripts = [...this.requests.values()]
      .filter((r) => r.type === 'Script')
      .map((r) => ({
        url: r.url,
        fromCache: r.fromCache,
        contentEncoding: r.contentEncoding ?? null,
        transferBytes: r.encodedBytes,
      }));
    return { ...this.traffic, httpRequests: this.requests.size, scripts, timeline: { ...this.times } };
  }
}
