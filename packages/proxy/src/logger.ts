/**
 * Structured logs (pino, JSON lines). Secrets never reach them: Authorization and Cookie headers,
 * Set-Cookie, the WebSocket subprotocol (it may carry a token), passwords, tokens, CSRF tokens and
 * the `access_token` query parameter are redacted.
 */
import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from './config.ts';

const REDACTED = '[redacted]';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.csrfToken',
  '*.assertion',
  'password',
  'token',
  'csrfToken',
];

/** The URL with the value of any `access_token` parameter replaced. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]access_token=)[^&#]*/gi, `$1${REDACTED}`);
}

interface LoggedRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export function loggerOptions(level: LogLevel): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: {
      req(request: LoggedRequest) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          hostname: request.hostname,
          remoteAddress: request.ip,
        };
      },
    },
  };
}
