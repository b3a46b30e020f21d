/**
 * Where used single sign-on `jti`s are remembered. Asynchronous so that a store shared by a
 * cluster (Redis `SET key 1 NX PXAT until`) fits the same call site as the in-memory default.
 */
export interface ReplayStore {
  /** Marks `jti` used until `until` (epoch ms); false when it was already used and still valid. */
  claim(jti: string, until: number): Promise<boolean>;
  /** Forgets a claim whose login failed for reasons not the caller's (the directory was down). */
  release(jti: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Single sign-on `jti`s already used, each kept until its assertion could no longer be used
 * anyway (its `exp`, or `iat` plus the maximum age), so memory stays bounded by what is still
 * valid. Only verified assertions get here, so a caller without the key cannot fill it.
 */
export class ReplayGuard {
  private readonly usedUntil = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly sweepEveryMs = 60_000) {}

  /** Marks `jti` used until `until` (epoch ms); false when it was already used and still valid. */
  claim(jti: string, until: number, now = Date.now()): boolean {
    this.sweep(now);
    const previous = this.usedUntil.get(jti);
    if (previous !== undefined && previous > now) return false;
    this.usedUntil.set(jti, until);
    return true;
  }

  /** Forgets a claim whose login failed for reasons not the caller's (the directory was down). */
  release(jti: string): void {
    this.usedUntil.delete(jti);
  }

  get size(): number {
    return this.usedUntil.size;
  }

  /** The guard as a ReplayStore (the default, for one proxy process). */
  asStore(): ReplayStore {
    return {
      claim: async (jti, until) => this.claim(jti, until),
      release: async (jti) => this.release(jti),
      close: async () => {},
    };
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + this.sweepEveryMs;
    for (const [jti, until] of this.usedUntil) if (until <= now) this.usedUntil.delete(jti);
  }
}
