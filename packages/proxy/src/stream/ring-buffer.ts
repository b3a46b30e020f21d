/**
 * The last events of one stream, kept for replay after a reconnect, as event bodies (see
 * `EventBody`): strings and string arrays shared by every stream that got the same change, so a
 * full ring costs pointers, not copies. Events are numbered 1, 2, 3… with no gaps, so event `seq`
 * lives at `(seq - 1) % capacity`. The array grows only as events arrive, so an idle stream costs
 * almost nothing.
 */

/**
 * An event without its `seq`: either the JSON members after `seq` as one string
 * (`"type":"presence","presence":[…]`), or, for presence events, the presence objects as separate
 * JSON strings (the cached ones, so a snapshot of 50 people is 50 pointers).
 */
export type EventBody = string | readonly string[];

const TYPE_PREFIX = '"type":"';

/** The JSON text of an event, built by concatenation. */
export function eventText(seq: number, body: EventBody): string {
  return typeof body === 'string'
    ? `{"seq":${seq},${body}}`
    : `{"seq":${seq},"type":"presence","presence":[${body.join(',')}]}`;
}

/** The type of an event (its `type` member). */
export function eventType(body: EventBody): string {
  if (typeof body !== 'string') return 'presence';
  return body.slice(TYPE_PREFIX.length, body.indexOf('"', TYPE_PREFIX.length));
}

/** The body of a presence event with one presence object (already JSON). */
export function presenceBody(json: string): string {
  return `"type":"presence","presence":[${json}]`;
}

export class EventRing {
  private readonly bodies: EventBody[] = [];
  private count = 0;
  private last = 0;

  constructor(private readonly capacity: number) {}

  push(seq: number, body: EventBody): void {
    const index = (seq - 1) % this.capacity;
    if (index === this.bodies.length) this.bodies.push(body);
    else this.bodies[index] = body;
    this.last = seq;
    if (this.count < this.capacity) this.count++;
  }

  /** True when every event after `since` is still here (always, when `since` is the latest). */
  covers(since: number): boolean {
    return since <= this.last && since >= this.last - this.count;
  }

  /** Calls `visit` for each kept event after `since`, oldest first. Check `covers` first. */
  forEachAfter(since: number, visit: (seq: number, body: EventBody) => void): void {
    for (let seq = Math.max(since, this.last - this.count) + 1; seq <= this.last; seq++) {
      visit(seq, this.bodies[(seq - 1) % this.capacity]!);
    }
  }
}
