/**
 * Capped exponential backoff with full jitter: each delay is uniform in [0, min(max, initial·2ⁿ)].
 * Full jitter spreads the reconnects of thousands of clients after a proxy restart, so they do not
 * return in waves (see "Exponential Backoff And Jitter", AWS Architecture Blog).
 */
export interface BackoffOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A source of numbers in [0, 1); tests pass their own. */
  random?: () => number;
}

export const DEFAULT_INITIAL_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 20_000;

export class Backoff {
  private attempt = 0;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.initialDelayMs = Math.max(0, options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS);
    this.maxDelayMs = Math.max(this.initialDelayMs, options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
    this.random = options.random ?? Math.random;
  }

  /** Failures since the last success. */
  get attempts(): number {
    return this.attempt;
  }

  /** The delay before the next try; each call counts one more failure. */
  next(): number {
    // Past 2^30 the product overflows nothing useful; the cap has long been reached.
    const ceiling = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.floor(this.random() * ceiling);
  }

  /** A connection succeeded: start again from the initial delay. */
  reset(): void {
    this.attempt = 0;
  }
}
