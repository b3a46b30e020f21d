import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret as base64url: 32 bytes for tokens, fewer for ids that only need to be unguessable. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Compares two secrets in constant time (for equal lengths; different lengths never match). */
export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A token's SHA-256 (base64url): how other proxies name a login without ever holding its token. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
