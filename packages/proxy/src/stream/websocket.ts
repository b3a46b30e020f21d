/**
 * The WebSocket transport at `/api/v1/ws`. The proxy handles the HTTP upgrade itself (`ws` in
 * `noServer` mode), so no framework sits between a frame and the stream. Refusals happen after
 * the handshake, with a close code a browser can read: 4403 origin, 4401 login, 4400 bad query;
 * a draining proxy answers the upgrade 503 (see below), or 1001 when it began draining meanwhile.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, LIMITS, StreamQuery, WS_PROTOCOL } from '@st/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { type WebSocket, WebSocketServer } from 'ws';
import { readCredentials } from '../auth/credentials.ts';
import type { Login } from '../auth/logins.ts';
import type { ProxyContext } from '../context.ts';
import { addressKey, clientAddress } from '../limits/address.ts';
import { FrameHandler } from './frames.ts';
import type { ResumeRequest } from './registry.ts';
import { WebSocketTransport } from './websocket-transport.ts';

export const WS_PATH = '/api/v1/ws';

type CookieParser = (header: string) => Record<string, string | undefined>;

/**
 * A listener with no closure: one that closed over the upgrade handler's scope would keep the
 * request and its URL alive for as long as the socket lives.
 */
function destroySocket(this: Duplex): void {
  this.destroy();
}

export function attachWebSocket(
  server: Server,
  context: ProxyContext,
  parseCookie: CookieParser,
): WebSocketServer {
  const wss = new WebSocketServer({
    noServer: true,
    // Frames past LIMITS.wsFrameBytes are refused with 4400 by the frame handler; this hard cap
    // (answered by `ws` with 1009) only bounds the memory one frame can take.
    maxPayload: LIMITS.wsFrameBytes * 4,
    perMessageDeflate: false,
    // Browsers fail a handshake whose offered subprotocols got no answer; never echo the token.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const nodeHeader = `X-ST-Node: ${context.cluster.nodeId}`;
  wss.on('headers', (headers) => headers.push(nodeHeader));

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', destroySocket);
    const url = new URL(request.url ?? '/', 'http://proxy.invalid');
    if (url.pathname !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // A draining proxy refuses before the handshake, with a status a balancer can act on: HAProxy
    // retries the upgrade on another proxy (retry-on 503); a client sees a failed connection and
    // reconnects with its backoff.
    if (context.state.draining) {
      socket.end(
        `HTTP/1.1 503 Service Unavailable\r\n${nodeHeader}\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    // A token made on another proxy of a cluster is looked up first, so `accept` finds it at once.
    preloadLogin(context, parseCookie, request).then(
      (found) =>
        wss.handleUpgrade(request, socket, head, (ws) => {
          if (found) accept(context, parseCookie, ws, request, url);
          else ws.close(CloseCode.TryAgainLater, 'sessions unavailable');
        }),
      () => socket.destroy(),
    );
  });
  return wss;
}

/** False when the cluster's session store cannot answer now (the client should retry, not log in again). */
async function preloadLogin(
  context: ProxyContext,
  parseCookie: CookieParser,
  request: IncomingMessage,
): Promise<boolean> {
  const credentials = readCredentials({
    headers: request.headers,
    cookies: parseCookie(request.headers.cookie ?? ''),
    subprotocol: true,
  });
  if (!credentials?.token) return true;
  try {
    await context.logins.resolve(credentials.token);
    return true;
  } catch {
    return false;
  }
}

/** Why a connection may not open a stream, as a close code and reason; null when it may. */
function refusal(context: ProxyContext, request: IncomingMessage): [number, string] | null {
  if (context.state.draining) return [CloseCode.GoingAway, 'draining'];
  if (!context.origins.isAllowed(request.headers.origin, request.headers.host)) {
    return [CloseCode.OriginNotAllowed, 'origin not allowed'];
  }
  return null;
}

/** A socket error listener that closes over the logger alone (see `destroySocket`). */
function errorLogger(log: FastifyBaseLogger): (error: Error) => void {
  return (error) => log.debug({ err: error }, 'WebSocket error');
}

function accept(
  context: ProxyContext,
  parseCookie: CookieParser,
  ws: WebSocket,
  request: IncomingMessage,
  url: URL,
): void {
  ws.on('error', errorLogger(context.log));
  const origin = request.headers.origin;
  const close = (code: number, reason: string) => {
    const address = clientAddress(request, context.trust);
    context.log.debug({ code, reason, origin, remoteAddress: address }, 'WebSocket refused');
    ws.close(code, reason);
  };
  const refused = refusal(context, request);
  if (refused) {
    close(...refused);
    return;
  }
  const query = StreamQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    close(CloseCode.ProtocolError, 'bad query');
    return;
  }
  const credentials = readCredentials({
    headers: request.headers,
    cookies: parseCookie(request.headers.cookie ?? ''),
    subprotocol: true,
  });
  let login: Login | null = null;
  if (credentials) {
    login = credentials.token ? context.logins.find(credentials.token) : null;
    if (!login) {
      close(CloseCode.Unauthenticated, 'log in again');
      return;
    }
    context.logins.touch(login);
  } else if (!context.config.anonymousAwareness) {
    close(CloseCode.Unauthenticated, 'log in first');
    return;
  } else {
    // Anonymous: within the address's budgets of requests and open streams (the request budget
    // lives in the shared limit store, hence the wait; the client waits for `hello` anyway).
    const address = addressKey(clientAddress(request, context.trust));
    context.anonymous.admitSocket(address).then(
      (slot) => {
        if (!slot.ok) {
          close(CloseCode.RateLimited, 'too many anonymous streams or requests');
          return;
        }
        if (ws.readyState !== ws.OPEN) {
          slot.release();
          return;
        }
        ws.once('close', slot.release);
        serve(context, ws, null, query.data);
      },
      (error: unknown) => {
        context.log.warn({ err: error }, 'the limit store failed');
        close(CloseCode.GoingAway, 'try again');
      },
    );
    return;
  }

  serve(context, ws, login, query.data);
}

/**
 * Wires an accepted socket to its stream. A function of its own so that the handlers, which live
 * as long as the socket, do not share a closure scope with (and so keep alive) the upgrade request.
 */
function serve(context: ProxyContext, ws: WebSocket, login: Login | null, resume: ResumeRequest): void {
  try {
    context.streams.checkRoom(login, resume);
  } catch {
    ws.close(CloseCode.RateLimited, 'too many streams for this login');
    return;
  }
  const transport = new WebSocketTransport(ws, context.metrics.hot, context.config.heartbeatMs);
  const { stream, recovered } = context.streams.open(login, resume, transport);
  context.log.debug({ userId: stream.userId, stream: stream.id, recovered }, 'WebSocket stream open');
  const frames = new FrameHandler(context, stream, transport);
  ws.on('message', (data, isBinary) => frames.onMessage(data, isBinary));
  ws.on('pong', () => transport.heardFrom());
  ws.on('close', (code) => {
    context.log.debug({ userId: stream.userId, stream: stream.id, code }, 'WebSocket stream closed');
    context.streams.detach(stream, transport);
  });
}
