/**
 * Logins in Redis, so a token made on one proxy works on every other: `st:l:<sha-256 of the
 * token>` holds the login as JSON and expires with it (PEXPIREAT slides it). Only the token's hash
 * is a key, so reading Redis (or a backup of it) gives no one a usable token. A logout leaves
 * `ended` in the key until the login would have expired, so a proxy that missed the logout (and
 * would write its copy back after Redis lost its data) learns of it instead.
 */
import { tokenDigest } from '../../auth/tokens.ts';
import type { SessionStore, SharedLogin } from '../types.ts';
import type { RedisNode } from './node.ts';

const ENDED = 'ended';

/** KEYS[1]: the login. ARGV[1]: new expiry (epoch ms). Answers 1 extended, 0 missing, -1 ended. */
const EXTEND = `
local value = redis.call('GET', KEYS[1])
if not value then return 0 end
if value == '${ENDED}' then return -1 end
redis.call('PEXPIREAT', KEYS[1], ARGV[1])
return 1
`;

/** KEYS[1]: the login. ARGV: its JSON, its expiry (epoch ms). Never brings an ended login back. */
const SAVE = `
if redis.call('GET', KEYS[1]) == '${ENDED}' then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
return 1
`;

type SessionRedis = RedisNode['redis'] & {
  extendLogin(key: string, at: number): Promise<number>;
  saveLogin(key: string, json: string, at: number): Promise<number>;
};

function key(token: string): string {
  return `st:l:${tokenDigest(token)}`;
}

export class RedisSessionStore implements SessionStore {
  private readonly redis: SessionRedis;

  constructor(node: RedisNode) {
    node.redis.defineCommand('extendLogin', { numberOfKeys: 1, lua: EXTEND });
    node.redis.defineCommand('saveLogin', { numberOfKeys: 1, lua: SAVE });
    this.redis = node.redis as SessionRedis;
  }

  async save(token: string, login: SharedLogin): Promise<void> {
    const { expiresAt, ...rest } = login;
    await this.redis.saveLogin(key(token), JSON.stringify(rest), Math.ceil(expiresAt));
  }

  async load(token: string): Promise<SharedLogin | null> {
    const k = key(token);
    const [[, text], [, expireAt]] = (await this.redis.multi().get(k).pexpiretime(k).exec()) as [
      [unknown, string | null],
      [unknown, number],
    ];
    if (!text || text === ENDED || expireAt <= 0) return null;
    return { ...(JSON.parse(text) as Omit<SharedLogin, 'expiresAt'>), expiresAt: expireAt };
  }

  async extend(token: string, expiresAt: number): Promise<'extended' | 'ended' | 'missing'> {
    const answer = await this.redis.extendLogin(key(token), Math.ceil(expiresAt));
    return answer === 1 ? 'extended' : answer === -1 ? 'ended' : 'missing';
  }

  async remove(token: string): Promise<void> {
    await this.redis.set(key(token), ENDED, 'KEEPTTL', 'XX');
  }
}
