/**
 * Long-poll at `/api/v1/poll`: each request resumes the stream from `since` and answers the events
 * after it at once, or waits up to LIMITS.pollWaitSeconds for one. Between polls the stream is
 * detached, and the grace period keeps it (and its person) alive.
 */
import { LIMITS, PollResponse, StreamQuery } from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import type { HotCounters } from '../metrics.ts';
import { defineRoute } from '../routes/define.ts';
import { eventText } from './ring-buffer.ts';
import type { Stream } from './stream.ts';
import { type Transport, TransportKind } from './transport.ts';

export class PollTransport implements Transport {
  readonly kind = TransportKind.Poll;
  private answered = false;
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private stream: Stream | undefined;
  private since = 0;
  private recovered = false;

  constructor(
    private readonly finish: (body: string) => void,
    private readonly hot: HotCounters,
  ) {}

  /** Called right after the stream is opened: answers now when there is something, else waits. */
  begin(stream: Stream, recovered: boolean, since: number, waitMs: number): void {
    this.stream = stream;
    this.recovered = recovered;
    this.since = recovered ? since : 0;
    // A new stream answers at once, so the client learns its id (an anonymous one has no event yet).
    if (!recovered || stream.seq > this.since) this.schedule();
    else this.timer = setTimeout(() => this.answer(), waitMs);
  }

  sendEvent(): void {
    this.schedule();
  }

  sendControl(): void {}

  heartbeat(): void {}

  close(): void {
    this.answer();
  }

  /** The client went away before the answer. */
  abandon(): void {
    this.answered = true;
    clearTimeout(this.timer);
  }

  /** Answers on the next turn, so that all the events of this turn go in one answer. */
  private schedule(): void {
    if (this.scheduled || this.answered) return;
    this.scheduled = true;
    setImmediate(() => this.answer());
  }

  private answer(): void {
    if (this.answered || !this.stream) return;
    this.answered = true;
    clearTimeout(this.timer);
    const stream = this.stream;
    const events: string[] = [];
    stream.ring.forEachAfter(this.since, (seq, body) => events.push(eventText(seq, body)));
    this.hot.eventsSent.poll += events.length;
    this.finish(
      `{"streamId":${JSON.stringify(stream.id)},"seq":${stream.seq},"recovered":${this.recovered},"events":[${events.join(',')}]}`,
    );
  }
}

export function pollRoutes(app: FastifyInstance, context: ProxyContext): void {
  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/poll',
    auth: AuthMode.Awareness,
    query: StreamQuery,
    streaming: true,
    doc: {
      tag: 'events',
      summary: 'Events by long-poll',
      description:
        'Without `stream`, starts a stream and answers at once. With `stream` and `since`, answers ' +
        `the events after \`since\`, waiting up to ${LIMITS.pollWaitSeconds} s for one; ` +
        '`recovered: false` means a new stream started (watch your people again).',
      success: { status: 200, description: 'Events after `since`', schema: PollResponse },
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_DRAINING', 'ST_ERR_TOO_MANY_STREAMS'],
    },
    handler: ({ query, login, reply }) => {
      if (context.state.draining) throw new ApiError('ST_ERR_DRAINING');
      context.streams.checkRoom(login, query);
      return new Promise<unknown>((resolve) => {
        let opened: Stream | undefined;
        const transport = new PollTransport((body) => {
          if (opened) context.streams.detach(opened, transport);
          resolve(reply.type('application/json').send(body));
        }, context.metrics.hot);
        const { stream, recovered } = context.streams.open(login, query, transport);
        opened = stream;
        transport.begin(stream, recovered, query.since ?? 0, LIMITS.pollWaitSeconds * 1000);
        reply.raw.on('close', () => {
          if (reply.sent) return;
          transport.abandon();
          context.streams.detach(stream, transport);
        });
      });
    },
  });
}
