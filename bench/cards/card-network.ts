/**
 * The page's calls for business cards and photos, from the Chrome DevTools Protocol's Network
 * domain: `GET /api/v1/users?ids=` (cards in batches), `GET /api/v1/users/{id}` (one card) and
 * `GET /api/v1/users/{id}/photo`, with their statuses and the bytes each took on the wire
 * (`Network.loadingFinished`'s `encodedDataLength`: headers and body as received). CORS
 * preflights (`OPTIONS`, which Chromium reports as requests of their own) are counted apart: a
 * page on another origin that sends a Bearer token pays one per distinct URL until the browser
 * caches it.
 */
import type { CDPSession } from 'playwright-core';

export const CallKind = { Cards: 'cards', Card: 'card', Photo: 'photo' } as const;
export type CallKind = (typeof CallKind)[keyof typeof CallKind];

/** Which call a URL is, if it is one of the three. */
export function callKind(url: string): CallKind | undefined {
  let path: string;
  let query: URLSearchParams;
  try {
    ({ pathname: path, searchParams: query } = new URL(url));
  } catch {
    return undefined;
  }
  if (path === '/api/v1/users') return query.has('ids') ? CallKind.Cards : undefined;
  if (/^\/api\/v1\/users\/[^/]+\/photo$/.test(path)) return CallKind.Photo;
  if (/^\/api\/v1\/users\/[^/]+$/.test(path)) return CallKind.Card;
  return undefined;
}

export interface CallTally {
  /** Requests the page made (preflights not included). */
  requests: number;
  /** Ids asked for (batches only). */
  ids: number;
  /** Answers by HTTP status (`cache` for answers the browser's cache gave without asking). */
  statuses: Record<string, number>;
  /** Bytes received on the wire, headers included. */
  bytes: number;
  preflights: number;
}

export type CallFigures = Record<CallKind, CallTally>;

interface Pending {
  kind: CallKind;
  preflight: boolean;
}

function emptyTally(): CallTally {
  return { requests: 0, ids: 0, statuses: {}, bytes: 0, preflights: 0 };
}

export function emptyFigures(): CallFigures {
  return { cards: emptyTally(), card: emptyTally(), photo: emptyTally() };
}

export class CardNetwork {
  private figures = emptyFigures();
  private readonly pending = new Map<string, Pending>();

  static async attach(cdp: CDPSession): Promise<CardNetwork> {
    const network = new CardNetwork();
    cdp.on('Network.requestWillBeSent', (event) => {
      const kind = callKind(event.request.url);
      if (!kind) return;
      const preflight = event.request.method === 'OPTIONS';
      // A redirect reuses the request id: the id stands for the new request from here on.
      network.pending.set(event.requestId, { kind, preflight });
      const tally = network.figures[kind];
      if (preflight) {
        tally.preflights++;
        return;
      }
      tally.requests++;
      if (kind === CallKind.Cards) {
        const ids = new URL(event.request.url).searchParams.get('ids') ?? '';
        tally.ids += ids.split(',').filter(Boolean).length;
      }
    });
    cdp.on('Network.responseReceived', (event) => {
      const call = network.pending.get(event.requestId);
      if (!call || call.preflight) return;
      const fromCache = event.response.fromDiskCache || event.response.fromPrefetchCache;
      const key = fromCache ? 'cache' : String(event.response.status);
      const statuses = network.figures[call.kind].statuses;
      statuses[key] = (statuses[key] ?? 0) + 1;
    });
    cdp.on('Network.loadingFinished', (event) => {
      const call = network.pending.get(event.requestId);
      if (!call) return;
      network.pending.delete(event.requestId);
      if (!call.preflight) network.figures[call.kind].bytes += event.encodedDataLength;
    });
    cdp.on('Network.loadingFailed', (event) => {
      network.pending.delete(event.requestId);
    });
    await cdp.send('Network.enable');
    return network;
  }

  /** What was counted since the last call, and start counting again. */
  take(): CallFigures {
    const figures = this.figures;
    this.figures = emptyFigures();
    return figures;
  }
}
