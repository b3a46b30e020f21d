/**
 * For the single sign-on tests: assertions minted with jose the way an integrator's server would,
 * a hand-made `alg: none` one, and a real HTTP server publishing a JWKS whose keys can rotate.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { request } from '../test-support.ts';

export type SigningKey = Parameters<SignJWT['sign']>[0];

/** Seconds since the epoch, as JWT dates are. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A fresh HS256 secret of 48 random bytes, as docs/sso.md tells integrators to make one. */
export function newSecret(): string {
  return randomBytes(48).toString('base64url');
}

/** The audience test proxies with a JWKS expect (ST_SSO_AUDIENCE is required with a JWKS). */
export const TEST_AUDIENCE = 'st-proxy-test';

/**
 * The claims of a good assertion for `sub`, issued now, valid for a minute, with a fresh `jti`
 * and the test audience; `claims` override (`undefined` leaves a claim out).
 */
export function claimsFor(sub: string, claims: JWTPayload = {}): JWTPayload {
  const iat = nowSeconds();
  return { sub, iat, exp: iat + 60, jti: randomUUID(), aud: TEST_AUDIENCE, ...claims };
}

/** Signs `claims` exactly as given (a claim set to undefined is left out). */
export function mint(
  key: SigningKey,
  claims: JWTPayload,
  header: { alg: string; kid?: string } = { alg: 'HS256' },
): Promise<string> {
  const present = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
  return new SignJWT(present).setProtectedHeader({ ...header, typ: 'JWT' }).sign(key);
}

export function hmacKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** An unsigned JWT (`alg: none`), which jose will not make: built by hand. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

export interface PublishedKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: SigningKey;
  publicJwk: JWK;
}

export async function newKeyPair(kid: string, alg: 'RS256' | 'ES256'): Promise<PublishedKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk };
}

export function mintWith(key: PublishedKey, claims: JWTPayload): Promise<string> {
  return mint(key.privateKey, claims, { alg: key.alg, kid: key.kid });
}

/** A JWKS endpoint on port 0: `publish` changes the keys it serves, `fetches` counts requests. */
export class JwksServer {
  fetches = 0;
  /** What the next answers are: the key set, a failure status, or no answer at all. */
  mode: 'keys' | 'error' | 'hang' = 'keys';
  private keys: JWK[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<JwksServer> {
    let jwks: JwksServer | undefined;
    const server = createServer((_request, res) => {
      const self = jwks!;
      self.fetches++;
      if (self.mode === 'hang') return;
      if (self.mode === 'error') {
        res.writeHead(500).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: self.keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    jwks = new JwksServer(server, `http://127.0.0.1:${port}/.well-known/jwks.json`);
    return jwks;
  }

  publish(...keys: PublishedKey[]): void {
    this.keys = keys.map((k) => k.publicJwk);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** `POST /api/v1/session {"assertion"}` from a test. */
export function exchange(base: string, assertion: string, client?: 'web' | 'mobile'): Promise<Response> {
  return request(base, '/api/v1/session', {
    method: 'POST',
    json: { assertion, ...(client ? { client } : {}) },
  });
}
