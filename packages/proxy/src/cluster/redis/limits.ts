/**
 * Shared limits in Redis: each bucket is a hash (`st:lim:<rule>:<key>` → tokens, at) changed by
 * one Lua script, so every proxy spends from the same bucket atomically, with the same arithmetic
 * as limits/bucket.ts and Redis's clock. A bucket expires once it would be full again, so keys
 * nobody uses cost nothing.
 */
import type { Decision, Rule } from '../../limits/bucket.ts';
import type { LimitStore } from '../../limits/store.ts';
import type { RedisNode } from './node.ts';

/** KEYS[1]: the bucket. ARGV: burst, perSecond, cost, `take` or `give`. Answers {ok, retry seconds}. */
const BUCKET = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst, rate, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(saved[1]), tonumber(saved[2])
if not tokens then
  if ARGV[4] == 'give' then return {1, 0} end
  tokens, at = burst, now
end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local ok, retry = 1, 0
if ARGV[4] == 'give' then
  tokens = math.min(burst, tokens + cost)
elseif tokens >= cost then
  tokens = tokens - cost
else
  ok = 0
  retry = math.max(1, math.ceil((math.min(cost, burst) - tokens) / rate))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
return {ok, retry}
`;

type BucketRedis = RedisNode['redis'] & {
  limitBucket(
    key: string,
    burst: number,
    perSecond: number,
    cost: number,
    mode: string,
  ): Promise<[number, number]>;
};

export class RedisLimitStore implements LimitStore {
  private readonly redis: BucketRedis;

  constructor(node: RedisNode) {
    node.redis.defineCommand('limitBucket', { numberOfKeys: 1, lua: BUCKET });
    this.redis = node.redis as BucketRedis;
  }

  async take(rule: Rule, key: string, cost = 1): Promise<Decision> {
    const [ok, retry] = await this.redis.limitBucket(
      bucketKey(rule, key),
      rule.burst,
      rule.perSecond,
      cost,
      'take',
    );
    return { ok: ok === 1, retryAfterSeconds: retry };
  }

  async give(rule: Rule, key: string, cost = 1): Promise<void> {
    await this.redis.limitBucket(bucketKey(rule, key), rule.burst, rule.perSecond, cost, 'give');
  }

  async reset(rule: Rule, key: string): Promise<void> {
    await this.redis.del(bucketKey(rule, key));
  }

  async close(): Promise<void> {}
}

function bucketKey(rule: Rule, key: string): string {
  return `st:lim:${rule.name}:${key}`;
}
