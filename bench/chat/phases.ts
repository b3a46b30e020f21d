/**
 * The two measured phases. Throughput: every person keeps `window` sends in flight (a closed loop:
 * the next send leaves when an answer arrives), so the rate is what the proxy sustains with each
 * message stored (fsynced) and delivered. Latency: sends leave on a fixed schedule at a given rate
 * (an open loop, so a slow answer does not slow the senders down), and each is timed from the
 * moment it leaves until the partner's stream delivers it.
 */
import { type Summary, summarize } from '../lib/stats.ts';
import type { ChatPerson } from './clients.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long the latency phase waits for the last messages to arrive. */
const DRAIN_MS = 10_000;

/** Numbers every send and routes each delivery to whoever is timing it. */
export class Marks {
  private next = 0;
  onReceive: (mark: number, at: number) => void = () => {};

  take(): number {
    return ++this.next;
  }

  receive = (mark: number, at: number): void => this.onReceive(mark, at);
}

export interface ThroughputResult {
  seconds: number;
  /** Sends answered 201 per second. */
  acknowledgedPerSecond: number;
  /** Partners' deliveries per second in the same window. */
  deliveredPerSecond: number;
  /** Sends answered with anything but 201 (rate limits, errors): should be 0. */
  refused: number;
}

export async function measureThroughput(
  people: readonly ChatPerson[],
  marks: Marks,
  options: { window: number; seconds: number; warmup: number },
): Promise<ThroughputResult> {
  let measuring = false;
  let stopped = false;
  let acknowledged = 0;
  let delivered = 0;
  let refused = 0;
  marks.onReceive = () => {
    if (measuring) delivered++;
  };
  const loop = async (person: ChatPerson) => {
    while (!stopped) {
      const status = await person.send(marks.take());
      if (status !== 201) refused++;
      else if (measuring) acknowledged++;
    }
  };
  const loops = people.flatMap((person) => Array.from({ length: options.window }, () => loop(person)));
  await sleep(options.warmup * 1000);
  measuring = true;
  const start = performance.now();
  await sleep(options.seconds * 1000);
  measuring = false;
  const seconds = (performance.now() - start) / 1000;
  stopped = true;
  await Promise.all(loops);
  return {
    seconds,
    acknowledgedPerSecond: acknowledged / seconds,
    deliveredPerSecond: delivered / seconds,
    refused,
  };
}

export interface LatencyResult {
  targetPerSecond: number;
  achievedPerSecond: number;
  /** From the send leaving the client until the partner's stream delivered the message, in ms. */
  sendToReceive: Summary;
  /** From the send leaving the client until its 201 (stored), in ms. */
  sendToAck: Summary;
  /** Measured messages that never arrived within the drain time: should be 0. */
  missing: number;
  refused: number;
}

export async function measureLatency(
  people: readonly ChatPerson[],
  marks: Marks,
  options: { perSecond: number; seconds: number; warmup: number },
): Promise<LatencyResult> {
  const sentAt = new Map<number, number>();
  const receive: number[] = [];
  const ack: number[] = [];
  let refused = 0;
  marks.onReceive = (mark, at) => {
    const sent = sentAt.get(mark);
    if (sent === undefined) return;
    sentAt.delete(mark);
    receive.push(at - sent);
  };
  const answers: Promise<void>[] = [];
  const start = performance.now();
  const measureFrom = start + options.warmup * 1000;
  const end = measureFrom + options.seconds * 1000;
  let sent = 0;
  let measuredSends = 0;
  for (let now = start; now < end; now = performance.now()) {
    const due = Math.floor(((now - start) * options.perSecond) / 1000);
    for (; sent < due; sent++) {
      const person = people[sent % people.length]!;
      const mark = marks.take();
      const at = performance.now();
      const measured = at >= measureFrom;
      if (measured) {
        sentAt.set(mark, at);
        measuredSends++;
      }
      answers.push(
        person.send(mark).then((status) => {
          if (status !== 201) refused++;
          else if (measured) ack.push(performance.now() - at);
        }),
      );
    }
    await sleep(1);
  }
  await Promise.all(answers);
  const drainUntil = performance.now() + DRAIN_MS;
  while (sentAt.size > 0 && performance.now() < drainUntil) await sleep(20);
  return {
    targetPerSecond: options.perSecond,
    achievedPerSecond: measuredSends / options.seconds,
    sendToReceive: summarize(receive),
    sendToAck: summarize(ack),
    missing: sentAt.size,
    refused,
  };
}
