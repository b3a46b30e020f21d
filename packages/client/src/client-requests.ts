/**
 * The client's small one-call requests and setup checks, kept out of client.ts: who the login is
 * (for the stream's reconnect probe), business cards in bulk, directory type-ahead, the proxy's
 * origin and the WebSocket constructor to use.
 */
import { type BusinessCard, type DirectoryPerson, SEARCH_MIN_LENGTH } from '@st/protocol/core';
import { StAuthError } from './errors.ts';
import type { Http } from './http.ts';
import { DirectoryResponseShape, UsersResponseShape } from './response-shapes.ts';
import type { ClientOptions, WebSocketCtor } from './types.ts';

/** False only when the proxy says the login is gone (any other failure leaves it in doubt). */
export async function loginStillValid(http: Http): Promise<boolean> {
  try {
    await http.request('GET', '/api/v1/session', { expectUnauthenticated: true });
    return true;
  } catch (error) {
    return !(error instanceof StAuthError);
  }
}

export async function fetchCards(http: Http, ids: string[]): Promise<BusinessCard[]> {
  const path = `/api/v1/users?ids=${ids.map(encodeURIComponent).join(',')}`;
  const response = await http.request('GET', path, { schema: UsersResponseShape });
  return response.users;
}

export async function searchDirectory(http: Http, q: string): Promise<DirectoryPerson[]> {
  // Type-ahead asks after every key: too short a query has no answer worth a round trip.
  if (q.trim().length < SEARCH_MIN_LENGTH) return [];
  const path = `/api/v1/directory?q=${encodeURIComponent(q.trim())}`;
  const response = await http.request('GET', path, { schema: DirectoryResponseShape });
  return response.people;
}

export function normaliseServer(server: string | undefined): string {
  const origin = server ?? globalThis.location?.origin;
  if (!origin) throw new TypeError('createClient: give `server` (there is no page origin to default to).');
  return origin.replace(/\/+$/, '');
}

export function webSocketCtorOf(options: ClientOptions): WebSocketCtor {
  const ctor = options.WebSocket ?? (globalThis.WebSocket as WebSocketCtor | undefined);
  if (!ctor) throw new TypeError('There is no WebSocket here: pass `WebSocket` (from `ws` in Node).');
  return ctor;
}
