/**
 * Single sign-on assertions: short-lived JWTs an integrator's server signs for one of its users
 * (docs/sso.md), the successor of Sametime's LTPA and SametimeToken logins. The JOSE work is
 * jose's; this file decides which algorithms and keys are trusted and which claims must be there.
 *
 * - HS256 with ST_SSO_SECRET; RS256 or ES256 with keys from ST_SSO_JWKS_URL (fetched on first
 *   use, cached, fetched again when an assertion names an unknown `kid`, with a timeout).
 * - Only the configured family is accepted: with only a JWKS, an HS256 assertion is refused
 *   before any key is looked at, so a public key can never be used as an HMAC secret.
 * - With a JWKS, ST_SSO_AUDIENCE is required: the keys of a corporate identity provider sign
 *   tokens for every application it serves.
 * - `sub`, `exp`, `iat` and (unless ST_SSO_REQUIRE_JTI=false) `jti` are required; `iat` may not be in the future (beyond the clock skew)
 *   nor older than ST_SSO_MAX_AGE_SECONDS, whatever `exp` says.
 */
import { isUserId } from '@st/protocol';
import { createRemoteJWKSet, type JWTVerifyGetKey, errors as jose, jwtVerify } from 'jose';
import { ConfigError, type ProxyConfig } from '../config.ts';
import { ApiError } from '../errors.ts';
import { SsoKeysUnavailableError, ssoApiError } from './sso-errors.ts';

/** The HMAC algorithm of ST_SSO_SECRET, and the signature algorithms accepted from a JWKS. */
export const SSO_SECRET_ALGORITHM = 'HS256';
export const SSO_JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash, 256 bits. */
export const SSO_MIN_SECRET_BYTES = 32;

export interface SsoSettings {
  secret?: string | undefined;
  jwksUrl?: string | undefined;
  audience?: string | undefined;
  issuer?: string | undefined;
  maxAgeSeconds: number;
  clockSkewSeconds: number;
  requireJti: boolean;
  jwksCooldownSeconds: number;
  /** How long one JWKS fetch may take before the assertion is answered with 503. */
  jwksTimeoutMs?: number | undefined;
}

export function ssoSettings(config: ProxyConfig): SsoSettings {
  return {
    secret: config.ssoSecret,
    jwksUrl: config.ssoJwksUrl,
    audience: config.ssoAudience,
    issuer: config.ssoIssuer,
    maxAgeSeconds: config.ssoMaxAgeSeconds,
    clockSkewSeconds: config.ssoClockSkewSeconds,
    requireJti: config.ssoRequireJti,
    jwksCooldownSeconds: config.ssoJwksCooldownSeconds,
  };
}

/** What a verified assertion says. */
export interface VerifiedAssertion {
  /** The user id (`sub`), already checked to be shaped like one. */
  subject: string;
  jti?: string | undefined;
  /** Epoch ms after which the assertion can no longer be used (so a used `jti` may be forgotten). */
  usableUntil: number;
}

const DEFAULT_JWKS_TIMEOUT_MS = 5000;
/** Keys are fetched again after this long even when every `kid` is known (jose's default). */
const JWKS_CACHE_MS = 10 * 60_000;

export class SsoVerifier {
  private readonly algorithms: string[] = [];
  private readonly secret: Uint8Array | undefined;
  private readonly jwks: JWTVerifyGetKey | undefined;

  constructor(private readonly settings: SsoSettings) {
    if (settings.secret !== undefined) {
      this.secret = new TextEncoder().encode(settings.secret);
      // The value itself never appears in the message: it is a secret.
      if (this.secret.byteLength < SSO_MIN_SECRET_BYTES) {
        throw new ConfigError(
          `ST_SSO_SECRET: must be at least ${SSO_MIN_SECRET_BYTES} bytes for HS256 (got ${this.secret.byteLength}); generate one with: openssl rand -base64 48`,
        );
      }
      this.algorithms.push(SSO_SECRET_ALGORITHM);
    }
    if (settings.jwksUrl !== undefined) {
      // A corporate JWKS signs ID tokens for many applications: without an audience, a token
      // minted for any of them would log people in here.
      if (settings.audience === undefined) {
        throw new ConfigError(
          'ST_SSO_AUDIENCE: required with ST_SSO_JWKS_URL (the value this proxy expects in assertions\' "aud")',
        );
      }
      this.jwks = createRemoteJWKSet(new URL(settings.jwksUrl), {
        timeoutDuration: settings.jwksTimeoutMs ?? DEFAULT_JWKS_TIMEOUT_MS,
        cooldownDuration: settings.jwksCooldownSeconds * 1000,
        cacheMaxAge: JWKS_CACHE_MS,
      });
      this.algorithms.push(...SSO_JWKS_ALGORITHMS);
    }
  }

  /** Whether any trust is configured; without it every assertion is refused. */
  get configured(): boolean {
    return this.algorithms.length > 0;
  }

  /** The assertion's subject and lifetime; throws an ApiError with an ST_ERR_SSO_* code. */
  async verify(assertion: string, now = Date.now()): Promise<VerifiedAssertion> {
    if (!this.configured) throw new ApiError('ST_ERR_SSO_NOT_CONFIGURED');
    const { settings } = this;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(assertion, this.getKey, {
        algorithms: this.algorithms,
        requiredClaims: ['sub', 'exp', 'iat', ...(settings.requireJti ? ['jti'] : [])],
        maxTokenAge: settings.maxAgeSeconds,
        clockTolerance: settings.clockSkewSeconds,
        currentDate: new Date(now),
        ...(settings.audience !== undefined ? { audience: settings.audience } : {}),
        ...(settings.issuer !== undefined ? { issuer: settings.issuer } : {}),
      }));
    } catch (error) {
      throw ssoApiError(error);
    }
    return this.claims(payload);
  }

  private claims(payload: Record<string, unknown>): VerifiedAssertion {
    const { sub, jti, exp, iat } = payload;
    if (!isUserId(sub)) {
      throw new ApiError('ST_ERR_SSO_UNKNOWN_USER', {
        message: 'The assertion\'s "sub" claim is not a user id.',
      });
    }
    if (jti !== undefined && (typeof jti !== 'string' || jti === '' || jti.length > 256)) {
      throw new ApiError('ST_ERR_SSO_MALFORMED', {
        message: 'The assertion\'s "jti" claim must be a string of 1 to 256 characters.',
      });
    }
    // jose checked that both are numbers; the assertion dies at the earlier of the two limits.
    const lastSecond = Math.min(exp as number, (iat as number) + this.settings.maxAgeSeconds);
    return {
      subject: sub,
      jti,
      usableUntil: (lastSecond + this.settings.clockSkewSeconds) * 1000,
    };
  }

  /** The key for an assertion's header: the secret for HS256, else the JWKS's key for its `kid`. */
  private readonly getKey: JWTVerifyGetKey = async (header, token) => {
    // jose refused every algorithm not in `algorithms` before asking, so HS256 means a secret is set.
    if (header.alg === SSO_SECRET_ALGORITHM && this.secret) return this.secret;
    if (!this.jwks) throw new ApiError('ST_ERR_SSO_ALGORITHM');
    try {
      return await this.jwks(header, token);
    } catch (error) {
      if (error instanceof jose.JWKSNoMatchingKey) {
        throw new ApiError('ST_ERR_SSO_SIGNATURE', {
          message: `No key of the JWKS matches the assertion (kid ${JSON.stringify(header.kid?.slice(0, 64) ?? null)}, alg ${header.alg}).`,
        });
      }
      if (error instanceof jose.JWKSMultipleMatchingKeys) {
        throw new ApiError('ST_ERR_SSO_SIGNATURE', {
          message: `Several keys of the JWKS fit ${header.alg}: name one with "kid" in the assertion's header.`,
        });
      }
      // Unreachable, slow, not 200 or not a key set: not the caller's fault.
      throw new SsoKeysUnavailableError(error);
    }
  };
}
