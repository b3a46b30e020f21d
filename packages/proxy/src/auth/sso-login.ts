/**
 * `POST /api/v1/session {"assertion"}`: a verified single sign-on assertion, used once (its `jti`,
 * required unless ST_SSO_REQUIRE_JTI=false, is remembered in the replay store), whose `sub` the directory knows, becomes a login like a password would.
 *
 * Refused assertions do not count against the failed-login limit: a signature cannot be guessed,
 * and many people behind one address (a company's NAT) with a misconfigured portal would
 * otherwise lock each other out. Verifying is cheap, and JWKS fetches have their own cooldown.
 */
import type { BusinessCard, UserSummary } from '@st/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { SsoVerifier, ssoSettings } from './sso.ts';
import { SsoKeysUnavailableError } from './sso-errors.ts';

export class AssertionLogin {
  private readonly verifier: SsoVerifier;

  /** Throws a ConfigError when the settings cannot work (a secret too short for HS256). */
  constructor(private readonly context: ProxyContext) {
    this.verifier = new SsoVerifier(ssoSettings(context.config));
  }

  /** The person the assertion stands for; throws an ApiError (ST_ERR_SSO_*, 503) otherwise. */
  async exchange(assertion: string, log: FastifyBaseLogger): Promise<UserSummary> {
    try {
      return await this.verifiedPerson(assertion);
    } catch (error) {
      if (error instanceof SsoKeysUnavailableError) {
        log.warn({ err: error.reason }, 'single sign-on: the JWKS cannot be fetched');
      } else if (error instanceof ApiError && error.statusCode === 401) {
        this.context.metrics.logins.inc({ result: 'bad_assertion' });
        // The code and jose's reason only: the assertion itself is a credential.
        log.info({ code: error.code, reason: error.message }, 'single sign-on assertion refused');
      }
      throw error;
    }
  }

  private async verifiedPerson(assertion: string): Promise<UserSummary> {
    const { subject, jti, usableUntil } = await this.verifier.verify(assertion);
    if (jti !== undefined && !(await this.context.replay.claim(jti, usableUntil))) {
      throw new ApiError('ST_ERR_SSO_REPLAYED');
    }
    let card: BusinessCard | undefined;
    try {
      [card] = await this.context.directory.getPeople([subject]);
    } catch (error) {
      // Not the caller's fault: let the same assertion try again.
      if (jti !== undefined) await this.context.replay.release(jti);
      throw error;
    }
    if (!card) throw new ApiError('ST_ERR_SSO_UNKNOWN_USER');
    return { id: card.id, displayName: card.displayName };
  }
}
