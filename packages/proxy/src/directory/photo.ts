/** Photos from bytes whose type nobody declared (LDAP's `jpegPhoto`, AD's `thumbnailPhoto`). */
import { createHash } from 'node:crypto';
import type { Photo } from './types.ts';

const SIGNATURES: { type: string; matches: (bytes: Buffer) => boolean }[] = [
  { type: 'image/jpeg', matches: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/png',
    matches: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
  },
  { type: 'image/gif', matches: (b) => b.length > 6 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6)) },
  {
    type: 'image/webp',
    matches: (b) =>
      b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
];

/** The image type the bytes start with; null for anything else (never served as an image). */
export function sniffImageType(bytes: Buffer): string | null {
  return SIGNATURES.find((s) => s.matches(bytes))?.type ?? null;
}

/** A strong ETag of the bytes: it changes whenever they do. */
export function photoEtag(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

/** A photo from raw bytes, or null when they are not an image the proxy serves. */
export function photoFromBytes(bytes: Buffer): Photo | null {
  const contentType = sniffImageType(bytes);
  return contentType ? { bytes, contentType, etag: photoEtag(bytes) } : null;
}
