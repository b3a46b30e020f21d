import { ClientFrame, CloseCode, ERRORS, type ErrorCode, type ErrorFrame, LIMITS } from '@st/protocol';
import type { RawData } from 'ws';
import type { z } from 'zod';
import type { ProxyContext } from '../context.ts';
import { toApiError } from '../errors.ts';
import { TokenBucket } from '../limits/bucket.ts';
import { RULES } from '../limits/rules.ts';
import { isTooManyIds } from '../validate.ts';
import type { Stream } from './stream.ts';
import { changeWatch } from './watch.ts';
import type { WebSocketTransport } from './websocket-transport.ts';

/** Bad frames in a row before the proxy decides the client is broken and closes with 4400. */
const MAX_BAD_FRAMES_IN_A_ROW = 20;

function byteLength(data: RawData): number {
  if (Buffer.isBuffer(data)) return data.length;
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data.byteLength;
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** The `id` of a frame, when it has a usable one, so even a refused frame is answered with it. */
function frameId(value: unknown): number | undefined {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

const KNOWN_TYPES = new Set(['watch', 'activity', 'ping']);

/** Too many ids; a known frame with bad content; or a frame the proxy does not know at all. */
function refusalCode(value: unknown, issues: readonly z.core.$ZodIssue[]): ErrorCode {
  if (issues.some(isTooManyIds)) return 'ST_ERR_TOO_MANY_IDS';
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' && KNOWN_TYPES.has(type) ? 'ST_ERR_VALIDATION' : 'ST_ERR_UNKNOWN_FRAME';
}

/**
 * Frames from one WebSocket client: size and rate limits first, then the protocol's `ClientFrame`
 * schema, then the action. A bad frame gets an `error` frame and the socket stays open.
 */
export class FrameHandler {
  private readonly bucket = new TokenBucket(RULES.wsFrames);
  private badInARow = 0;

  constructor(
    private readonly context: ProxyContext,
    private readonly stream: Stream,
    private readonly transport: WebSocketTransport,
  ) {}

  onMessage(data: RawData, isBinary: boolean): void {
    this.context.metrics.hot.wsFramesIn++;
    this.transport.heardFrom();
    if (!this.bucket.take()) {
      this.transport.close(CloseCode.RateLimited, 'too many frames');
      return;
    }
    if (byteLength(data) > LIMITS.wsFrameBytes) {
      const limit = `(limit ${LIMITS.wsFrameBytes} bytes)`;
      this.sendError(
        undefined,
        'ST_ERR_FRAME_TOO_LARGE',
        `${ERRORS.ST_ERR_FRAME_TOO_LARGE.message} ${limit}`,
      );
      this.transport.close(CloseCode.ProtocolError, 'frame too large');
      return;
    }
    const frame = this.parse(data, isBinary);
    if (!frame) return;
    this.badInARow = 0;
    this.stream
      .enqueue(() => this.act(frame))
      .then(
        () => {
          if (frame.id !== undefined) this.transport.sendControl('ack', `{"type":"ack","id":${frame.id}}`);
        },
        (error: unknown) => {
          const { apiError, internal } = toApiError(error);
          if (internal) this.context.log.error({ err: error }, 'WebSocket frame failed');
          this.sendError(frame.id, apiError.code, apiError.message);
        },
      );
  }

  /** The frame, or undefined after answering an error frame. */
  private parse(data: RawData, isBinary: boolean): ClientFrame | undefined {
    if (isBinary) {
      this.refuse(undefined, 'ST_ERR_UNKNOWN_FRAME', 'Send JSON text frames.');
      return undefined;
    }
    let value: unknown;
    try {
      value = JSON.parse(textOf(data));
    } catch {
      this.refuse(undefined, 'ST_ERR_UNKNOWN_FRAME', 'The frame is not JSON.');
      return undefined;
    }
    const parsed = ClientFrame.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const code = refusalCode(value, parsed.error.issues);
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    this.refuse(frameId(value), code, `${ERRORS[code].message} (${where}${issue.message})`);
    return undefined;
  }

  private async act(frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'watch':
        await changeWatch(
          this.context.fanout,
          this.stream,
          frame.add,
          frame.remove,
          this.context.streams.watchedBy(this.stream.userId),
        );
        return;
      case 'activity':
        if (this.stream.login) await this.context.budgets.statusChanges.spend(this.stream.login.userId);
        this.context.streams.setIdle(this.stream, frame.idle);
        return;
      case 'ping':
        return;
    }
  }

  private refuse(id: number | undefined, code: ErrorCode, message: string): void {
    this.sendError(id, code, message);
    if (++this.badInARow >= MAX_BAD_FRAMES_IN_A_ROW) {
      this.transport.close(CloseCode.ProtocolError, 'too many bad frames');
    }
  }

  private sendError(id: number | undefined, code: ErrorCode, message: string): void {
    this.context.metrics.observeError(code);
    const frame: ErrorFrame = {
      type: 'error',
      ...(id !== undefined ? { id } : {}),
      error: { code, message },
    };
    this.transport.sendControl('error', JSON.stringify(frame));
  }
}
