/**
 * jose's errors as catalogue errors, so an integrator reads which check an assertion failed
 * (`ST_ERR_SSO_*`). jose's messages name claims and headers, never the token or a key.
 */
import { ERRORS, type ErrorCode } from '@st/protocol';
import { errors as jose } from 'jose';
import { ApiError } from '../errors.ts';

/** The JWKS could not be fetched; `reason` says why, for the log (never for the caller). */
export class SsoKeysUnavailableError extends ApiError {
  override name = 'SsoKeysUnavailableError';

  constructor(readonly reason: unknown) {
    super('ST_ERR_SSO_KEYS_UNAVAILABLE');
  }
}

function withDetail(code: ErrorCode, detail: string): ApiError {
  return new ApiError(code, { message: `${ERRORS[code].message} (${detail})` });
}

/** Which code a failed claim check is, by the claim jose names. */
function claimCode(error: jose.JWTClaimValidationFailed): ErrorCode {
  if (error.reason === 'missing') return 'ST_ERR_SSO_MISSING_CLAIM';
  switch (error.claim) {
    case 'aud':
      return 'ST_ERR_SSO_AUDIENCE';
    case 'iss':
      return 'ST_ERR_SSO_ISSUER';
    case 'iat':
    case 'nbf':
      // A well-typed iat or nbf fails only by lying in the future.
      return error.reason === 'check_failed' ? 'ST_ERR_SSO_NOT_YET_VALID' : 'ST_ERR_SSO_MALFORMED';
    default:
      return 'ST_ERR_SSO_MALFORMED';
  }
}

/** The catalogue error for anything jwtVerify threw; unexpected errors are passed on unchanged. */
export function ssoApiError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof jose.JOSEAlgNotAllowed) {
    return withDetail('ST_ERR_SSO_ALGORITHM', 'the "alg" header is not one this proxy is configured for');
  }
  if (error instanceof jose.JWSSignatureVerificationFailed) return new ApiError('ST_ERR_SSO_SIGNATURE');
  if (error instanceof jose.JWTExpired) {
    return error.claim === 'iat'
      ? withDetail('ST_ERR_SSO_TOO_OLD', 'its "iat" is older than the maximum age the proxy accepts')
      : new ApiError('ST_ERR_SSO_EXPIRED');
  }
  if (error instanceof jose.JWTClaimValidationFailed) return withDetail(claimCode(error), error.message);
  // A truncated token, bad base64, a header or payload that is not JSON, an unknown `crit`, or a
  // key unfit for the algorithm.
  if (error instanceof jose.JOSEError) return withDetail('ST_ERR_SSO_MALFORMED', error.message);
  return error;
}
