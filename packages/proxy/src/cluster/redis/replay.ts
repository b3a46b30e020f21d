/**
 * Used single sign-on `jti`s in Redis: `SET st:jti:<digest> 1 NX PXAT <until>`, so an assertion
 * used on one proxy is refused on every other, and the key goes away when the assertion could no
 * longer be used anyway.
 */
import { createHash } from 'node:crypto';
import type { ReplayStore } from '../../auth/replay.ts';
import type { RedisNode } from './node.ts';

function key(jti: string): string {
  return `st:jti:${createHash('sha256').update(jti).digest('base64url')}`;
}

export class RedisReplayStore implements ReplayStore {
  constructor(private readonly node: RedisNode) {}

  async claim(jti: string, until: number): Promise<boolean> {
    const at = Math.max(Math.ceil(until), Date.now() + 1000);
    return (await this.node.redis.set(key(jti), '1', 'PXAT', at, 'NX')) === 'OK';
  }

  async release(jti: string): Promise<void> {
    await this.node.redis.del(key(jti));
  }

  async close(): Promise<void> {}
}
