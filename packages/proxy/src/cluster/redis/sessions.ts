/**
 * Logins in Redis, so a token made on one proxy works on every other: `st:l:<sha-256 of the
 * token>` holds the login as JSON and expires with it (PEXPIREAT slides it). Only the token's hash
 * is a key, so reading Redis (or a backup of it) gives no one a usable token.
 */
import { tokenDigest } from '../../auth/tokens.ts';
import type { SessionStore, SharedLogin } from '../types.ts';
import type { RedisNode } from './node.ts';

function key(token: string): string {
  return `st:l:${tokenDigest(token)}`;
}

export class RedisSessionStore implements SessionStore {
  constructor(private readonly node: RedisNode) {}

  async save(token: string, login: SharedLogin): Promise<void> {
    const { expiresAt, ...rest } = login;
    await this.node.redis.set(key(token), JSON.stringify(rest), 'PXAT', Math.ceil(expiresAt));
  }

  async load(token: string): Promise<SharedLogin | null> {
    const k = key(token);
    const [[, text], [, expireAt]] = (await this.node.redis.multi().get(k).pexpiretime(k).exec()) as [
      [unknown, string | null],
      [unknown, number],
    ];
    if (!text || expireAt <= 0) return null;
    return { ...(JSON.parse(text) as Omit<SharedLogin, 'expiresAt'>), expiresAt: expireAt };
  }

  async extend(token: string, expiresAt: number): Promise<boolean> {
    return (await this.node.redis.pexpireat(key(token), Math.ceil(expiresAt))) === 1;
  }

  async remove(token: string): Promise<void> {
    await this.node.redis.del(key(token));
  }
}
