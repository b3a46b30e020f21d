import { LIMITS } from '@st/protocol';
import type { Login } from '../auth/logins.ts';
import type { PendingChange } from '../presence/fanout.ts';
import { type CountedKind, NOT_COUNTED } from '../presence/tally.ts';
import { type EventBody, EventRing, eventText } from './ring-buffer.ts';
import type { Transport } from './transport.ts';

/**
 * One stream: a tab or device of a login (or an anonymous page), a session of its own for
 * presence, watching and replay. It outlives its transport by the grace period so a reload or a
 * network blip can resume it.
 */
export class Stream {
  /** Last sequence number given to an event of this stream. */
  seq = 0;
  readonly ring = new EventRing(LIMITS.replayEvents);
  /** People this stream asked to watch (its own person is watched besides, outside the limit). */
  readonly watching = new Set<string>();
  transport: Transport | null = null;
  idle = false;
  /** The session kind this stream adds to its person's presence tally. */
  countedKind: CountedKind = NOT_COUNTED;
  graceTimer: NodeJS.Timeout | undefined;
  ended = false;
  /** Scratch space of the fan-out: changes waiting to go out in this turn's event. */
  pendingFirst: PendingChange | undefined = undefined;
  pendingMore: PendingChange[] | undefined = undefined;
  /** Watch requests and client frames of this stream run one after another, in arrival order. */
  queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly login: Login | null,
  ) {}

  /** The person whose session this is; empty for anonymous streams. */
  get userId(): string {
    return this.login?.userId ?? '';
  }

  /**
   * Sends an event. `body` is usually the same string (or array) for every stream that gets the
   * same change, so only the sequence number is spliced in per stream and the ring keeps pointers.
   */
  emit(type: string, body: EventBody): void {
    const seq = ++this.seq;
    this.ring.push(seq, body);
    this.transport?.sendEvent(seq, type, eventText(seq, body));
  }

  /** Runs `task` after every earlier task of this stream. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => {});
    return result;
  }
}
