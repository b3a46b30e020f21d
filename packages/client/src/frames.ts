/**
 * Loose reading of server frames: anything unexpected is dropped, never thrown, so a newer proxy
 * (new event types, extra fields) cannot break an older SDK.
 */
import {
  type HelloFrame,
  isPresence,
  type Presence,
  WATCH_IDS_PER_MESSAGE,
  WATCH_IDS_PER_SESSION,
} from '@st/protocol/core';

export type IncomingFrame =
  | HelloFrame
  | { type: 'presence'; seq: number; presence: Presence[] }
  /**
   * Any other sequenced event (contact list, chat, preferences ...), as parsed: the part of the
   * client it is for reads it (and drops what does not read right), so the code that knows each
   * kind loads only with that part. Its `seq` always counts.
   */
  | { type: 'event'; seq: number; body: LooseEvent }
  | { type: 'ack'; id: number }
  | { type: 'error'; id: number | undefined; error: { code: string; message: string } }
  | { type: 'ping' };

type Loose = Record<string, unknown>;

/** A sequenced event as it came: an object with a string `type`. */
export type LooseEvent = Loose & { type: string };

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function readHello(frame: Loose): HelloFrame | null {
  if (typeof frame.streamId !== 'string' || !frame.streamId || typeof frame.userId !== 'string') return null;
  const limits = isObject(frame.limits) ? frame.limits : {};
  return {
    type: 'hello',
    streamId: frame.streamId,
    userId: frame.userId,
    seq: isCount(frame.seq) ? frame.seq : 0,
    recovered: frame.recovered === true,
    // 0 turns dead-link detection off rather than guessing an interval the proxy did not promise.
    heartbeatMs: positive(frame.heartbeatMs, 0),
    limits: {
      watchIdsPerMessage: Math.floor(positive(limits.watchIdsPerMessage, WATCH_IDS_PER_MESSAGE)),
      watchIdsPerSession: Math.floor(positive(limits.watchIdsPerSession, WATCH_IDS_PER_SESSION)),
    },
  };
}

/** The presence fields, and nothing else a newer proxy may add (which must stay out of the cache). */
const PRESENCE_FIELDS = 4;

function hasOnlyPresenceFields(entry: object): boolean {
  let fields = 0;
  for (const _ in entry) fields++;
  return fields === PRESENCE_FIELDS;
}

/**
 * The valid presences of a list. The hot path: the parsed list itself when every entry is exactly
 * a presence (what this proxy sends), so an event costs nothing beyond `JSON.parse`; otherwise a
 * copy holding the known fields of the valid entries.
 */
function readPresence(list: unknown): Presence[] {
  if (!Array.isArray(list)) return [];
  let exact = true;
  for (let i = 0; i < list.length && exact; i++) {
    exact = isPresence(list[i]) && hasOnlyPresenceFields(list[i]);
  }
  if (exact) return list as Presence[];
  const valid: Presence[] = [];
  for (const entry of list) {
    if (isPresence(entry)) {
      valid.push({
        userId: entry.userId,
        status: entry.status,
        message: entry.message,
        mobile: entry.mobile,
      });
    }
  }
  return valid;
}

/** One WebSocket message → a frame, or `null` for anything this SDK cannot use. */
export function parseFrame(data: unknown): IncomingFrame | null {
  if (typeof data !== 'string') return null;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isObject(frame) || typeof frame.type !== 'string') return null;
  if (isCount(frame.seq) && frame.type !== 'hello') {
    if (frame.type === 'presence') {
      // The parsed object is the frame: only its `presence` may need cleaning.
      const presence = readPresence(frame.presence);
      if (presence !== frame.presence) frame.presence = presence;
      return frame as { type: 'presence'; seq: number; presence: Presence[] };
    }
    return { type: 'event', seq: frame.seq, body: frame as LooseEvent };
  }
  switch (frame.type) {
    case 'hello':
      return readHello(frame);
    case 'ping':
      return { type: 'ping' };
    case 'ack':
      return isCount(frame.id) ? { type: 'ack', id: frame.id } : null;
    case 'error': {
      const error = isObject(frame.error) ? frame.error : {};
      return {
        type: 'error',
        id: isCount(frame.id) ? frame.id : undefined,
        error: {
          code: typeof error.code === 'string' ? error.code : 'ST_ERR_INTERNAL',
          message: typeof error.message === 'string' ? error.message : '',
        },
      };
    }
    default:
      return null;
  }
}
