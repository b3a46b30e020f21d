/**
 * Changes of a person's own settings (privacy list, preferences) per login: a burst of
 * `LIMITS.settingsWrites`, refilled evenly over `LIMITS.settingsWriteWindowSeconds`. A privacy
 * change re-sends presence to everyone watching the person, so a script flipping its list must
 * not turn the proxy into a broadcaster.
 */
import { LIMITS } from '@st/protocol';
import type { Login } from '../auth/logins.ts';
import { ApiError } from '../errors.ts';
import { TokenBucket } from '../stream/token-bucket.ts';

export class SettingsWriteBudget {
  /** Keyed by the login object, so a bucket goes away with its login. */
  private readonly buckets = new WeakMap<Login, TokenBucket>();
  private readonly perSecond = LIMITS.settingsWrites / LIMITS.settingsWriteWindowSeconds;

  /** Takes one write from the login's budget, or throws ST_ERR_RATE_LIMITED with `Retry-After`. */
  take(login: Login): void {
    let bucket = this.buckets.get(login);
    if (!bucket) {
      bucket = new TokenBucket(this.perSecond, LIMITS.settingsWrites);
      this.buckets.set(login, bucket);
    }
    if (!bucket.take()) {
      throw new ApiError('ST_ERR_RATE_LIMITED', {
        message: `At most ${LIMITS.settingsWrites} settings changes per ${LIMITS.settingsWriteWindowSeconds} s.`,
        headers: { 'retry-after': String(Math.ceil(1 / this.perSecond)) },
      });
    }
  }
}
