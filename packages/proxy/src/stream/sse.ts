/**
 * Server-Sent Events at `/api/v1/events`: `id:` is the event's seq, `event:` its type, `data:` its
 * JSON; control frames go out as events named after their type, without `id:`, so they never move
 * the browser's Last-Event-ID.
 */
import type { ServerResponse } from 'node:http';
import { StreamQuery } from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import type { HotCounters } from '../metrics.ts';
import { defineRoute } from '../routes/define.ts';
import { Beat, type ControlType, PING_FRAME, type Transport, TransportKind } from './transport.ts';

/** How long EventSource waits before reconnecting after the stream ends. */
const RETRY_MS = 2000;
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export class SseTransport implements Transport {
  readonly kind = TransportKind.Sse;
  private readonly beat = new Beat();

  constructor(
    private readonly response: ServerResponse,
    private readonly hot: HotCounters,
  ) {}

  sendEvent(seq: number, type: string, data: string): void {
    if (this.write(`id: ${seq}\nevent: ${type}\ndata: ${data}\n\n`)) this.hot.eventsSent.sse++;
  }

  sendControl(type: ControlType, json: string): void {
    this.write(`event: ${type}\ndata: ${json}\n\n`);
  }

  private write(text: string): boolean {
    if (this.response.writableEnded || this.response.destroyed) return false;
    if (this.response.writableLength > MAX_BUFFERED_BYTES) {
      // Too slow to keep up: drop the connection; the client resumes from its Last-Event-ID.
      this.response.destroy();
      return false;
    }
    this.response.write(text);
    this.beat.sentSinceBeat = true;
    return true;
  }

  heartbeat(): void {
    if (this.beat.due()) this.sendControl('ping', PING_FRAME);
  }

  close(): void {
    if (!this.response.writableEnded) this.response.end();
  }
}

function lastEventId(header: string | string[] | undefined): number | undefined {
  return typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
}

export function sseRoutes(app: FastifyInstance, context: ProxyContext): void {
  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/events',
    auth: AuthMode.Awareness,
    queryToken: true,
    streaming: true,
    query: StreamQuery,
    doc: {
      tag: 'events',
      summary: 'Event stream (Server-Sent Events)',
      description:
        'Opens with a `hello` event, then sequenced events (`id:` = seq). Resume with `stream` and ' +
        '`since` (or the Last-Event-ID header). Pings every heartbeat when nothing else was sent.',
      success: { status: 200, description: 'The event stream', contentType: 'text/event-stream' },
      errors: ['ST_ERR_VALIDATION', 'ST_ERR_DRAINING', 'ST_ERR_TOO_MANY_STREAMS'],
    },
    handler: ({ query, login, request, reply }) => {
      if (context.state.draining) throw new ApiError('ST_ERR_DRAINING');
      const since = query.since ?? lastEventId(request.headers['last-event-id']);
      // Refused before the answer starts, so the refusal is a normal 429.
      context.streams.checkRoom(login, { stream: query.stream, since });
      reply.hijack();
      const response = reply.raw;
      const headers = Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined);
      response.writeHead(200, {
        ...(Object.fromEntries(headers) as Record<string, string | number | string[]>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      });
      response.write(`retry: ${RETRY_MS}\n\n`);
      const transport = new SseTransport(response, context.metrics.hot);
      const { stream } = context.streams.open(login, { stream: query.stream, since }, transport);
      response.on('close', () => context.streams.detach(stream, transport));
    },
  });
}
