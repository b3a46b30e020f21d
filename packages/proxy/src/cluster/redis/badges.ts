/** Push badge counts shared by the proxies of a cluster: one counter per person in Redis. */
import type { BadgeSource } from '../../push/badges.ts';
import type { RedisNode } from './node.ts';

/** A count nobody reset for this long starts again (the app was surely opened meanwhile). */
const BADGE_TTL_SECONDS = 30 * 86_400;

export class RedisBadges implements BadgeSource {
  constructor(private readonly node: RedisNode) {}

  async next(userId: string): Promise<number> {
    const key = `st:badge:${userId}`;
    const [[, count]] = (await this.node.redis.multi().incr(key).expire(key, BADGE_TTL_SECONDS).exec()) as [
      [unknown, number],
    ];
    return count;
  }

  reset(userId: string): void {
    this.node.redis.del(`st:badge:${userId}`).catch(() => {});
  }
}
