/**
 * A person's logins as an administrator sees them. A login is named by a session id derived from
 * its token with a hash of its own, so every node that holds the login names it alike, yet the id
 * can neither be used as a token nor matched with the token digests the nodes tell each other.
 */
import { createHash } from 'node:crypto';
import { type Login, LoginEnd } from '../auth/logins.ts';
import type { ProxyContext } from '../context.ts';

/** One node's view of a login. */
export interface LocalSession {
  sessionId: string;
  node: string;
  client: 'web' | 'mobile';
  userAgent: string | null;
  createdAt: number;
  lastSeenAt: number;
  streams: number;
}

const ids = new WeakMap<Login, string>();

export function sessionIdOf(login: Login): string {
  let id = ids.get(login);
  if (!id) {
    id = createHash('sha256').update(`st session id\n${login.token}`).digest('base64url').slice(0, 22);
    ids.set(login, id);
  }
  return id;
}

function live(login: Login, now: number): boolean {
  return !login.ended && login.expiresAt > now;
}

/** The person's live logins on this node. */
export function localSessions(context: ProxyContext, userId: string): LocalSession[] {
  const now = Date.now();
  const sessions: LocalSession[] = [];
  for (const login of context.logins.loginsOf(userId)) {
    if (!live(login, now)) continue;
    let streams = 0;
    for (const stream of login.streams) if (stream.transport !== null) streams++;
    sessions.push({
      sessionId: sessionIdOf(login),
      node: context.cluster.nodeId,
      client: login.mobile ? 'mobile' : 'web',
      userAgent: login.userAgent,
      createdAt: login.createdAt,
      lastSeenAt: login.lastSeenAt,
      streams,
    });
  }
  return sessions;
}

/**
 * Logs out the person's logins on this node (all of them, or the one named `sessionId`): the token
 * is marked ended in the cluster's session store, the other nodes end their copies, and every
 * stream closes with the logout close code. Answers the session ids of the logins ended here.
 */
export function endLocalSessions(context: ProxyContext, userId: string, sessionId?: string): string[] {
  const now = Date.now();
  const ended: Login[] = [];
  for (const login of context.logins.loginsOf(userId)) {
    if (!live(login, now)) continue;
    if (sessionId !== undefined && sessionIdOf(login) !== sessionId) continue;
    ended.push(login);
  }
  for (const login of ended) context.logins.end(login, LoginEnd.Logout);
  return ended.map(sessionIdOf);
}
