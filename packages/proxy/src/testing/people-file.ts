/**
 * A directory file of many people for load tests (`ST_DIRECTORY=<file>`): `<prefix>0001` ...,
 * all with one password whose hash uses the cheapest scrypt cost the format accepts, so hundreds
 * of logins cost milliseconds (the proxy's real people pay the full cost).
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LOAD_PASSWORD = 'load-password';

export function loadPersonId(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(4, '0')}`;
}

/** Writes `count` people as `people.json` in `folder` and answers the file's path. */
export async function writePeopleFile(folder: string, count: number, prefix = 'p'): Promise<string> {
  const salt = randomBytes(16);
  const key = scryptSync(LOAD_PASSWORD, salt, 32, { N: 2, r: 1, p: 1 });
  const hash = ['scrypt', 2, 1, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
  const people = Array.from({ length: count }, (_, i) => ({
    id: loadPersonId(prefix, i + 1),
    displayName: `Person ${i + 1}`,
    passwordHash: hash,
  }));
  const file = join(folder, 'people.json');
  await writeFile(file, JSON.stringify({ people }));
  return file;
}
