/**
 * Generated directories for the benchmarks, in the proxy's directory JSON format (see
 * packages/proxy/src/directory/file-format.ts). Bench people share one password whose hash uses
 * the cheapest scrypt cost the format accepts, so thousands of logins cost milliseconds, not
 * minutes; the proxy's real logins pay the full cost.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The password of every bench person who may log in. */
export const BENCH_PASSWORD = 'bench-password';

/** scrypt's smallest cost the format allows (N must be a power of two above 1). */
const CHEAP_SCRYPT = { N: 2, r: 1, p: 1 } as const;

/** A hash in the proxy's format, `scrypt$<N>$<r>$<p>$<salt>$<key>` (base64url salt and key). */
export function cheapPasswordHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, CHEAP_SCRYPT);
  const { N, r, p } = CHEAP_SCRYPT;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export interface BenchPerson {
  id: string;
  displayName: string;
  /** Only people who log in get a password hash; the others can only be watched. */
  canLogIn?: boolean;
  title?: string;
}

/** `prefix` followed by `index` padded to `width` digits, e.g. `w00042`. */
export function numberedId(prefix: string, index: number, width: number): string {
  return `${prefix}${String(index).padStart(width, '0')}`;
}

/** Writes `people` as `directory.json` in `folder` and answers its path. */
export async function writeDirectory(folder: string, people: readonly BenchPerson[]): Promise<string> {
  const hash = cheapPasswordHash(BENCH_PASSWORD);
  const entries = people.map((person) => ({
    id: person.id,
    displayName: person.displayName,
    ...(person.title ? { title: person.title } : {}),
    ...(person.canLogIn ? { passwordHash: hash } : {}),
  }));
  const file = join(folder, 'directory.json');
  await writeFile(file, JSON.stringify({ people: entries }));
  return file;
}
