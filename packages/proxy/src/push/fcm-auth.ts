/**
 * OAuth 2.0 access tokens for FCM HTTP v1, minted from a Google service account the way Google's
 * own libraries do: an RS256 JWT assertion signed with the account's private key, exchanged at the
 * `token_uri` of the account's JSON file (RFC 7523). A token is reused until shortly before it
 * expires; concurrent pushes share one exchange.
 */
import { SignJWT } from 'jose';
import type { HttpsClient } from './https-client.ts';
import type { ServiceAccount } from './keys.ts';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
/** A token is replaced this long before Google says it expires, so no push carries a dying one. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export class FcmAccessTokens {
  private current: { token: string; expiresAt: number } | undefined;
  private minting: Promise<string> | undefined;
  /** Exchanges made so far (tests check that tokens are reused). */
  minted = 0;

  constructor(
    private readonly account: ServiceAccount,
    private readonly http: HttpsClient,
    private readonly now: () => number = Date.now,
  ) {}

  async token(): Promise<string> {
    if (this.current && this.now() < this.current.expiresAt - EXPIRY_MARGIN_MS) return this.current.token;
    this.minting ??= this.mint().finally(() => {
      this.minting = undefined;
    });
    return this.minting;
  }

  /** FCM refused the token (401): the next push mints a new one. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async mint(): Promise<string> {
    const { account } = this;
    const issuedAt = Math.floor(this.now() / 1000);
    const assertion = await new SignJWT({ scope: FCM_SCOPE })
      .setProtectedHeader({
        alg: 'RS256',
        typ: 'JWT',
        ...(account.privateKeyId ? { kid: account.privateKeyId } : {}),
      })
      .setIssuer(account.clientEmail)
      .setAudience(account.tokenUri)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 3600)
      .sign(account.key);
    const form = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
    });
    const answer = await this.http.post(
      account.tokenUri,
      { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      form.toString(),
    );
    const body = safeJson(answer.body) as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (answer.status !== 200 || typeof body?.access_token !== 'string') {
      throw new FcmAuthError(`the OAuth token endpoint answered ${answer.status}`);
    }
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    this.minted++;
    this.current = { token: body.access_token, expiresAt: this.now() + lifetime * 1000 };
    return body.access_token;
  }
}

export class FcmAuthError extends Error {
  override name = 'FcmAuthError';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
