/**
 * A documented fake of FCM HTTP v1 and Google's OAuth 2.0 token endpoint, since Google's services
 * cannot be reached from a test. One HTTPS server:
 *
 * - `POST /token` (the service account's `token_uri`): a JWT-bearer grant (RFC 7523) whose
 *   assertion is RS256, signed by the service account's key (checked with its public half), with
 *   `iss` the account's e-mail, `aud` the token URI, the FCM scope, and `exp` at most an hour after
 *   `iat`; answers `{access_token, expires_in, token_type}` (400 invalid_grant otherwise).
 * - any other path: an HTML 404 page, as Google's front end answers;
 * - `POST /v1/projects/<project>/messages:send` with `Authorization: Bearer <a minted token>`
 *   (401 UNAUTHENTICATED otherwise) and a JSON `{message: {token, ...}}` of at most 4096 bytes
 *   (400 INVALID_ARGUMENT); then the answer the test scripted for the device token: 200
 *   `{name}` by default, or 404 UNREGISTERED, 400 INVALID_ARGUMENT, 429 QUOTA_EXCEEDED,
 *   503 UNAVAILABLE, with Google's error body (`error.status`, `error.details[].errorCode`).
 */

import type { KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { FCM_SCOPE } from '../fcm-auth.ts';

export interface FcmRequest {
  token: string;
  // biome-ignore lint/suspicious/noExplicitAny: messages are checked field by field in tests
  message: any;
  body: string;
  status: number;
}

export interface FcmAnswer {
  status: 200 | 400 | 401 | 404 | 429 | 500 | 503;
  errorCode?: string;
  retryAfter?: number;
}

export interface FakeFcmOptions {
  cert: string;
  key: string;
  projectId: string;
  clientEmail: string;
  publicKey: KeyObject;
}

const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};
const FCM_CODES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  404: 'UNREGISTERED',
  429: 'QUOTA_EXCEEDED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export class FakeFcm {
  readonly requests: FcmRequest[] = [];
  /** Access tokens minted, in order. */
  readonly minted: string[] = [];
  private readonly scripts = new Map<string, FcmAnswer[]>();
  private server!: Server;
  url = '';

  constructor(private readonly options: FakeFcmOptions) {}

  get tokenUri(): string {
    return `${this.url}/token`;
  }

  async start(): Promise<this> {
    this.server = createServer({ cert: this.options.cert, key: this.options.key }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void this.handle(request, Buffer.concat(chunks).toString('utf8'), response);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  script(token: string, ...answers: FcmAnswer[]): void {
    this.scripts.set(token, answers);
  }

  delivered(token: string): FcmRequest[] {
    return this.requests.filter((r) => r.token === token && r.status === 200);
  }

  /** Forgets every minted token, as if they all expired (the next push gets a 401). */
  revokeTokens(): void {
    this.minted.length = 0;
  }

  private async handle(request: IncomingMessage, body: string, response: ServerResponse): Promise<void> {
    const json = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
      response
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(value));
    };
    if (request.method === 'POST' && request.url === '/token') {
      const grant = new URLSearchParams(body);
      const problem = await this.checkAssertion(grant);
      if (problem) return json(400, { error: 'invalid_grant', error_description: problem });
      const accessToken = `ya29.${randomUUID()}`;
      this.minted.push(accessToken);
      return json(200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
    }
    const send = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !send || send[1] !== this.options.projectId) {
      // Google's front end answers unknown paths with an HTML page, not an API error.
      response
        .writeHead(404, { 'content-type': 'text/html' })
        .end('<!DOCTYPE html><title>Error 404 (Not Found)</title>');
      return;
    }
    const bearer = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.minted.includes(bearer)) return json(401, googleError(401, undefined, 'bad access token'));
    let message: { token?: unknown } | undefined;
    try {
      message = (JSON.parse(body) as { message?: { token?: unknown } }).message;
    } catch {
      message = undefined;
    }
    const token = typeof message?.token === 'string' ? message.token : '';
    const record = (status: number) => this.requests.push({ token, message, body, status });
    if (!token || Buffer.byteLength(body) > 4096) {
      record(400);
      return json(400, googleError(400, 'INVALID_ARGUMENT', 'bad message'));
    }
    const next = this.scripts.get(token)?.shift();
    if (!next || next.status === 200) {
      record(200);
      return json(200, { name: `projects/${this.options.projectId}/messages/${randomUUID()}` });
    }
    record(next.status);
    const headers: Record<string, string> =
      next.retryAfter !== undefined ? { 'retry-after': String(next.retryAfter) } : {};
    return json(next.status, googleError(next.status, next.errorCode ?? FCM_CODES[next.status]), headers);
  }

  private async checkAssertion(grant: URLSearchParams): Promise<string | undefined> {
    if (grant.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return 'bad grant_type';
    try {
      const { payload } = await jwtVerify(grant.get('assertion') ?? '', this.options.publicKey, {
        algorithms: ['RS256'],
        issuer: this.options.clientEmail,
        audience: this.tokenUri,
      });
      if (payload.scope !== FCM_SCOPE) return 'wrong scope';
      if (!payload.iat || !payload.exp || payload.exp - payload.iat > 3600) return 'bad lifetime';
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function googleError(status: number, errorCode?: string, message = 'refused') {
  return {
    error: {
      code: status,
      message,
      status: GOOGLE_STATUS[status],
      ...(errorCode
        ? { details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }] }
        : {}),
    },
  };
}
