import type { IncomingHttpHeaders } from 'node:http';
import { SESSION_COOKIE, WS_BEARER_PREFIX } from '@st/protocol';

/** Where a token came from: cookie calls that change state also need the CSRF header. */
export const CredentialSource = {
  Bearer: 'bearer',
  Cookie: 'cookie',
  Query: 'query',
  Subprotocol: 'subprotocol',
} as const;
export type CredentialSource = (typeof CredentialSource)[keyof typeof CredentialSource];

export interface Credentials {
  token: string;
  source: CredentialSource;
}

export interface CredentialInputs {
  headers: IncomingHttpHeaders;
  cookies: Record<string, string | undefined>;
  /** `access_token` from the query (only where EventSource needs it). */
  queryToken?: string | undefined;
  /** Read a token from `Sec-WebSocket-Protocol` (WebSocket upgrades). */
  subprotocol?: boolean;
}

/**
 * The credentials of a request, strongest first: the Authorization header, the WebSocket
 * subprotocol, the cookie, the query. `null` when there are none; a present but malformed
 * Authorization header yields an empty token, which matches no login (never a silent fallback).
 */
export function readCredentials(inputs: CredentialInputs): Credentials | null {
  const authorization = inputs.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return { token: match?.[1] ?? '', source: CredentialSource.Bearer };
  }
  if (inputs.subprotocol) {
    const offered = (inputs.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const bearer = offered.find((p) => p.startsWith(WS_BEARER_PREFIX));
    if (bearer) return { token: bearer.slice(WS_BEARER_PREFIX.length), source: CredentialSource.Subprotocol };
  }
  const cookie = inputs.cookies[SESSION_COOKIE];
  if (cookie) return { token: cookie, source: CredentialSource.Cookie };
  if (inputs.queryToken) return { token: inputs.queryToken, source: CredentialSource.Query };
  return null;
}
