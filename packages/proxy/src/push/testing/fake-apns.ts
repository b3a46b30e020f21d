/**
 * A documented fake of the APNs provider API (Apple's "Sending notification requests to APNs" and
 * "Handling notification responses from APNs"), since Apple's service cannot be reached from a
 * test. An HTTP/2 server over TLS that checks what Apple checks and answers as Apple does:
 *
 * - `POST /3/device/<token>` only (405 MethodNotAllowed, 404 BadPath otherwise);
 * - `authorization: bearer <JWT>`: ES256, `kid` the key id, `iss` the team id, `iat` within the
 *   hour, signature checked with the key's public half (403 MissingProviderToken,
 *   InvalidProviderToken, ExpiredProviderToken);
 * - `apns-topic` one of the app's topics (400 MissingTopic, DeviceTokenNotForTopic),
 *   `apns-push-type` alert or background (400 InvalidPushType), `apns-priority` 5 or 10
 *   (400 BadPriority), `apns-expiration` a number (400 BadExpirationDate), `apns-collapse-id` at
 *   most 64 bytes (400 BadCollapseId);
 * - a JSON payload with `aps`, at most 4096 bytes (413 PayloadTooLarge, 400 PayloadEmpty);
 * - then the answer the test scripted for the token (`script`): 200 by default, or 400
 *   BadDeviceToken, 410 Unregistered, 429 TooManyRequests, 503 ServiceUnavailable, each with
 *   Apple's `{"reason"}` body and an `apns-id`.
 *
 * Every request that reached it is kept in `requests`, checked or not.
 */

import type { KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import {
  constants,
  createSecureServer,
  type Http2SecureServer,
  type Http2Session,
  type IncomingHttpHeaders,
  type ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, jwtVerify } from 'jose';

export interface ApnsRequest {
  token: string;
  headers: IncomingHttpHeaders;
  /** The raw body and its parse (undefined when not JSON). */
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: payloads are checked field by field in tests
  payload: any;
  jwt: string;
  /** The status the fake answered. */
  status: number;
  reason?: string | undefined;
}

/** One scripted answer; `retryAfter` (seconds) goes in a Retry-After header. */
export interface ApnsAnswer {
  status: 200 | 400 | 403 | 410 | 429 | 500 | 503;
  reason?: string;
  retryAfter?: number;
}

export interface FakeApnsOptions {
  cert: string;
  key: string;
  publicKey: KeyObject;
  keyId: string;
  teamId: string;
  topics: string[];
}

export class FakeApns {
  readonly requests: ApnsRequest[] = [];
  /** TLS connections opened by clients. */
  connections = 0;
  private readonly scripts = new Map<string, ApnsAnswer[]>();
  private readonly sessions = new Set<Http2Session>();
  private server!: Http2SecureServer;
  url = '';

  constructor(private readonly options: FakeApnsOptions) {}

  async start(): Promise<this> {
    this.server = createSecureServer({ cert: this.options.cert, key: this.options.key });
    this.server.on('session', (session) => {
      this.connections++;
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
    });
    this.server.on('stream', (stream, headers) => this.handle(stream, headers));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The answers for the next pushes to `token`, in order; after them, 200. */
  script(token: string, ...answers: ApnsAnswer[]): void {
    this.scripts.set(token, answers);
  }

  /** Pushes that got a 200 for `token`. */
  delivered(token: string): ApnsRequest[] {
    return this.requests.filter((r) => r.token === token && r.status === 200);
  }

  /** Sends GOAWAY on every open connection, as Apple does when it rotates servers. */
  goAway(): void {
    for (const session of this.sessions) session.goaway(constants.NGHTTP2_NO_ERROR);
  }

  private handle(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      void this.judge(headers, body).then(({ request, status, reason, retryAfter }) => {
        this.requests.push({ ...request, status, reason });
        const answer: Record<string, string | number> = {
          ':status': status,
          'apns-id': randomUUID(),
        };
        if (retryAfter !== undefined) answer['retry-after'] = String(retryAfter);
        if (stream.destroyed) return;
        if (status === 200) {
          stream.respond(answer, { endStream: true });
          return;
        }
        answer['content-type'] = 'application/json';
        stream.respond(answer);
        const timestamp = status === 410 ? { timestamp: Date.now() } : {};
        stream.end(JSON.stringify({ reason, ...timestamp }));
      });
    });
  }

  private async judge(
    headers: IncomingHttpHeaders,
    body: string,
  ): Promise<{
    request: Omit<ApnsRequest, 'status' | 'reason'>;
    status: number;
    reason?: string;
    retryAfter?: number;
  }> {
    const path = String(headers[':path'] ?? '');
    const token = /^\/3\/device\/([^/]+)$/.exec(path)?.[1] ?? '';
    const jwt = String(headers.authorization ?? '').replace(/^bearer /, '');
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      payload = undefined;
    }
    const request = { token, headers, body, payload, jwt };
    const refuse = (status: number, reason: string) => ({ request, status, reason });
    if (headers[':method'] !== 'POST') return refuse(405, 'MethodNotAllowed');
    if (!token) return refuse(404, 'BadPath');
    const tokenProblem = await this.checkJwt(jwt);
    if (tokenProblem) return refuse(403, tokenProblem);
    const topic = headers['apns-topic'];
    if (!topic) return refuse(400, 'MissingTopic');
    if (!this.options.topics.includes(String(topic))) return refuse(400, 'DeviceTokenNotForTopic');
    if (!['alert', 'background'].includes(String(headers['apns-push-type']))) {
      return refuse(400, 'InvalidPushType');
    }
    if (!['5', '10', undefined].includes(headers['apns-priority'] as string | undefined)) {
      return refuse(400, 'BadPriority');
    }
    if (headers['apns-expiration'] !== undefined && !/^\d+$/.test(String(headers['apns-expiration']))) {
      return refuse(400, 'BadExpirationDate');
    }
    const collapse = headers['apns-collapse-id'];
    if (collapse !== undefined && Buffer.byteLength(String(collapse)) > 64)
      return refuse(400, 'BadCollapseId');
    if (Buffer.byteLength(body) > 4096) return refuse(413, 'PayloadTooLarge');
    if (typeof payload !== 'object' || payload === null || !('aps' in payload)) {
      return refuse(400, 'PayloadEmpty');
    }
    const next = this.scripts.get(token)?.shift();
    if (!next || next.status === 200) return { request, status: 200 };
    const reasons: Record<number, string> = {
      400: 'BadDeviceToken',
      403: 'ExpiredProviderToken',
      410: 'Unregistered',
      429: 'TooManyRequests',
      500: 'InternalServerError',
      503: 'ServiceUnavailable',
    };
    return {
      request,
      status: next.status,
      reason: next.reason ?? reasons[next.status] ?? 'BadRequest',
      ...(next.retryAfter !== undefined ? { retryAfter: next.retryAfter } : {}),
    };
  }

  /** Apple's checks of the provider token; the reason APNs would answer, or undefined. */
  private async checkJwt(jwt: string): Promise<string | undefined> {
    if (!jwt) return 'MissingProviderToken';
    try {
      const header = decodeProtectedHeader(jwt);
      if (header.alg !== 'ES256' || header.kid !== this.options.keyId) return 'InvalidProviderToken';
      const { payload } = await jwtVerify(jwt, this.options.publicKey, {
        algorithms: ['ES256'],
        issuer: this.options.teamId,
      });
      const age = Date.now() / 1000 - (payload.iat ?? 0);
      if (age > 3600) return 'ExpiredProviderToken';
      return undefined;
    } catch {
      return 'InvalidProviderToken';
    }
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
