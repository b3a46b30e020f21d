/**
 * The format of a directory JSON file (`ST_DIRECTORY=/path/people.json`), the same as the demo
 * directory shipped beside this file:
 *
 * ```json
 * { "people": [{ "id": "alice", "displayName": "Alice Andersson", "title": "…", "passwordHash": "scrypt$…",
 *                "photo": "photos/alice.svg", "contacts": [{ "name": "Friends", "members": ["bob"] }] }],
 *   "teams": [{ "name": "Team", "members": ["alice", "bob"] }] }
 * ```
 * `photo` is a path relative to the file. A team is a contact-list group that each of its members
 * gets, listing the other members. Make `passwordHash` with `scripts/hash-password.ts`; a person
 * without one cannot log in.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { UserId } from '@st/protocol';
import { z } from 'zod';
import { parsePasswordHash } from '../auth/password.ts';

const PHOTO_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const Text = z.string().trim().min(1).max(256);
const Group = z.strictObject({ name: Text, members: z.array(UserId) });

const PersonEntry = z.strictObject({
  id: UserId,
  displayName: Text,
  title: Text.optional(),
  department: Text.optional(),
  company: Text.optional(),
  location: Text.optional(),
  phone: Text.optional(),
  email: Text.optional(),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin').optional(),
  language: Text.optional(),
  photo: z
    .string()
    .refine(
      (p) => Object.hasOwn(PHOTO_TYPES, extname(p).toLowerCase()),
      'must be .svg, .png, .jpg, .webp or .gif',
    )
    .optional(),
  passwordHash: z
    .string()
    .refine((h) => parsePasswordHash(h) !== null, 'must be a hash made by scripts/hash-password.ts')
    .optional(),
  contacts: z.array(Group).optional(),
});
export type PersonEntry = z.infer<typeof PersonEntry>;

const DirectoryFile = z.strictObject({
  people: z.array(PersonEntry),
  teams: z.array(Group).optional(),
});

export interface LoadedDirectory {
  people: PersonEntry[];
  teams: z.infer<typeof Group>[];
  /** Absolute photo paths by person id. */
  photoPaths: Map<string, string>;
  photoTypes: Map<string, string>;
}

/** Thrown for a directory file that cannot be used; the message is one line naming the problem. */
export class DirectoryFileError extends Error {
  override name = 'DirectoryFileError';
}

export function loadDirectoryFile(path: string): LoadedDirectory {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DirectoryFileError(`cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  const parsed = DirectoryFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DirectoryFileError(`${path}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const { people, teams = [] } = parsed.data;
  const ids = new Set<string>();
  for (const person of people) {
    if (ids.has(person.id)) throw new DirectoryFileError(`${path}: the id "${person.id}" appears twice`);
    ids.add(person.id);
  }
  const groups = [...teams, ...people.flatMap((p) => p.contacts ?? [])];
  for (const group of groups) {
    const unknown = group.members.find((id) => !ids.has(id));
    if (unknown)
      throw new DirectoryFileError(`${path}: group "${group.name}" names unknown person "${unknown}"`);
  }
  const photoPaths = new Map<string, string>();
  const photoTypes = new Map<string, string>();
  for (const person of people) {
    if (!person.photo) continue;
    const photoPath = resolve(dirname(path), person.photo);
    if (!existsSync(photoPath) || !statSync(photoPath).isFile()) {
      throw new DirectoryFileError(`${path}: the photo of "${person.id}" is missing (${person.photo})`);
    }
    photoPaths.set(person.id, photoPath);
    photoTypes.set(person.id, PHOTO_TYPES[extname(photoPath).toLowerCase()]!);
  }
  return { people, teams, photoPaths, photoTypes };
}
