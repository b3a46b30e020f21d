/**
 * Minting a single sign-on assertion: what an integrator's server does once it knows who the
 * viewer is. HS256 with the secret it shares with the proxy (`ST_SSO_SECRET`), short-lived, with a
 * fresh `jti` so the proxy accepts it once only. The proxy exchanges it for a login of `sub`.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export interface AssertionOptions {
  secret: string;
  audience?: string | undefined;
  issuer?: string | undefined;
  /** How long the assertion may be exchanged (default 60 s: it is used at once). */
  lifetimeSeconds?: number;
}

export async function mintAssertion(userId: string, options: AssertionOptions): Promise<string> {
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${options.lifetimeSeconds ?? 60}s`)
    .setJti(randomUUID());
  if (options.audience) jwt.setAudience(options.audience);
  if (options.issuer) jwt.setIssuer(options.issuer);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
