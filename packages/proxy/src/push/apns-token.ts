/**
 * The APNs provider token: an ES256 JWT signed with the team's `.p8` key (`iss` the team id, `kid`
 * the key id, `iat` now). Apple refuses tokens older than an hour and throttles providers that
 * mint new ones more often than every 20 minutes, so one token is reused for 40 minutes and only
 * then replaced (or earlier, once, when APNs says it expired).
 */
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

/** Between Apple's 20-minute floor and 60-minute ceiling. */
export const APNS_TOKEN_REFRESH_MS = 40 * 60_000;

export class ApnsTokenSigner {
  private current: { jwt: string; issuedAt: number } | undefined;
  private signing: Promise<string> | undefined;

  constructor(
    private readonly key: KeyObject,
    private readonly keyId: string,
    private readonly teamId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The token to send now: the cached one while it is younger than the refresh age. */
  async token(): Promise<string> {
    const current = this.current;
    if (current && this.now() - current.issuedAt < APNS_TOKEN_REFRESH_MS) return current.jwt;
    // Concurrent pushes share one signing.
    this.signing ??= this.sign().finally(() => {
      this.signing = undefined;
    });
    return this.signing;
  }

  /** APNs said the token expired or is invalid: the next push signs a new one (at most once per token). */
  invalidate(jwt: string): void {
    if (this.current?.jwt === jwt) this.current = undefined;
  }

  private async sign(): Promise<string> {
    const issuedAt = this.now();
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: this.keyId })
      .setIssuer(this.teamId)
      .setIssuedAt(Math.floor(issuedAt / 1000))
      .sign(this.key);
    this.current = { jwt, issuedAt };
    return jwt;
  }
}
