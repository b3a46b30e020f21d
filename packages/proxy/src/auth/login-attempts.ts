/**
 * Password attempts within limits (OWASP ASVS 2.2.1). Each attempt is counted before the password
 * is checked, under three keys: the (person, address) pair, the address, and the person from
 * anywhere, whose budget refills more slowly than one address can spend it, so a burst from one
 * address cannot lock the person out from another. A right password gives its attempt back.
 * Checks under way at once are capped per person and per address, so parallel guesses wait
 * their turn rather than all being checked against the same count.
 */
import { LIMITS } from '@st/protocol';
import { ApiError } from '../errors.ts';
import { addressKey } from '../limits/address.ts';
import type { Rule } from '../limits/bucket.ts';
import { rateLimited } from '../limits/budget.ts';
import { RULES } from '../limits/rules.ts';
import type { LimitStore } from '../limits/store.ts';

export class LoginAttempts {
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly store: LimitStore,
    /** Fold ids as the directory does, so `Bob` and `bob` share one budget. */
    private readonly foldCase: boolean,
  ) {}

  /**
   * Runs `check` (the password check) when every budget has room; null from it is a wrong
   * password and stays counted. Throws ST_ERR_RATE_LIMITED when a budget is spent.
   */
  async attempt<T>(userId: string, address: string, check: () => Promise<T | null>): Promise<T | null> {
    const person = `person:${this.foldCase ? userId.toLowerCase() : userId}`;
    const from = `address:${addressKey(address)}`;
    const keys: [Rule, string][] = [
      [RULES.loginPersonAddress, `${person} ${from}`],
      [RULES.loginAddress, from],
      [RULES.loginPerson, person],
    ];
    const release = this.enter(person, from);
    try {
      await this.count(keys);
      let result: T | null;
      try {
        result = await check();
      } catch (error) {
        // The directory failed, not the caller: the attempt does not count.
        await this.giveBack(keys);
        throw error;
      }
      if (result !== null) {
        await this.store.reset(RULES.loginPersonAddress, keys[0]![1]);
        await this.giveBack(keys.slice(1));
      }
      return result;
    } finally {
      release();
    }
  }

  /** Spends one attempt of every key, or none of them. */
  private async count(keys: [Rule, string][]): Promise<void> {
    for (let i = 0; i < keys.length; i++) {
      const [rule, key] = keys[i]!;
      const decision = await this.store.take(rule, key);
      if (!decision.ok) {
        await this.giveBack(keys.slice(0, i));
        throw rateLimited(rule, decision.retryAfterSeconds);
      }
    }
  }

  private async giveBack(keys: [Rule, string][]): Promise<void> {
    for (const [rule, key] of keys) await this.store.give(rule, key);
  }

  /** Takes an in-flight slot for the person and the address, or throws 429. */
  private enter(person: string, from: string): () => void {
    const busy =
      (this.inFlight.get(person) ?? 0) >= LIMITS.loginChecksInFlightPerPerson ||
      (this.inFlight.get(from) ?? 0) >= LIMITS.loginChecksInFlightPerAddress;
    if (busy) {
      throw new ApiError('ST_ERR_RATE_LIMITED', {
        message: 'Too many login attempts under way at once for this user id or address; try again in 1 s.',
        headers: { 'retry-after': '1' },
      });
    }
    for (const key of [person, from]) this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    return () => {
      for (const key of [person, from]) {
        const left = (this.inFlight.get(key) ?? 1) - 1;
        if (left > 0) this.inFlight.set(key, left);
        else this.inFlight.delete(key);
      }
    };
  }
}
