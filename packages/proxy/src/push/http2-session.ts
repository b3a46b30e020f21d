/**
 * One long-lived HTTP/2 connection to a push service, as Apple asks providers to keep: opened on
 * the first push, reused for every push after, and replaced by a new one when the server sends
 * GOAWAY, the connection fails or it closes. Idle connections do not keep the process alive.
 */
import {
  type ClientHttp2Session,
  type ClientHttp2Stream,
  connect,
  constants,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http2';

export interface Http2Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Http2SessionOptions {
  /** Extra trusted CA certificates (PEM). */
  ca?: string | undefined;
  /** A request with no answer for this long fails (and is retried by the caller). */
  requestTimeoutMs?: number;
  /** Ping an idle connection this often, so middleboxes and the server keep it open. */
  pingIntervalMs?: number;
}

export class Http2Session {
  private session: ClientHttp2Session | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Connections opened so far (the first, and each replacement). */
  connections = 0;

  constructor(
    private readonly origin: string,
    private readonly options: Http2SessionOptions = {},
  ) {}

  /** Sends one request and reads the whole answer. */
  request(headers: OutgoingHttpHeaders, body: string): Promise<Http2Answer> {
    if (this.closed) return Promise.reject(new Error('the push connection is closed'));
    const session = this.open();
    return new Promise<Http2Answer>((resolve, reject) => {
      let stream: ClientHttp2Stream;
      try {
        stream = session.request({ ...headers, [constants.HTTP2_HEADER_METHOD]: 'POST' });
      } catch (error) {
        // The session died between open() and now: the next request makes a new one.
        this.forget(session);
        reject(error);
        return;
      }
      let status = 0;
      let responseHeaders: IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      stream.setTimeout(this.options.requestTimeoutMs ?? 15_000, () =>
        stream.close(constants.NGHTTP2_CANCEL),
      );
      stream.on('response', (received) => {
        responseHeaders = received;
        status = Number(received[constants.HTTP2_HEADER_STATUS] ?? 0);
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () =>
        resolve({ status, headers: responseHeaders, body: Buffer.concat(chunks).toString('utf8') }),
      );
      stream.on('close', () => {
        if (status === 0) reject(new Error(`the push request ended without an answer (${stream.rstCode})`));
      });
      stream.on('error', reject);
      stream.end(body);
    });
  }

  private open(): ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = connect(this.origin, this.options.ca ? { ca: this.options.ca } : {});
    this.connections++;
    this.session = session;
    // A GOAWAY lets streams in flight finish; new pushes go to a fresh connection at once.
    session.on('goaway', () => this.forget(session));
    session.on('error', () => this.forget(session));
    session.on('close', () => this.forget(session));
    session.on('connect', () => session.unref());
    const interval = this.options.pingIntervalMs ?? 60 * 60_000;
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (!session.closed && !session.destroyed) session.ping(() => {});
    }, interval).unref();
    return session;
  }

  private forget(session: ClientHttp2Session): void {
    if (this.session !== session) return;
    this.session = undefined;
    clearInterval(this.pingTimer);
    if (!session.closed) session.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pingTimer);
    const session = this.session;
    this.session = undefined;
    if (!session || session.destroyed) return;
    await new Promise<void>((resolve) => {
      session.close(() => resolve());
    });
  }
}
