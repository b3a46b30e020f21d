/**
 * The directory of the contact-list benchmark: a viewer whose contact list holds `people` people
 * in groups of at most `LIMITS.contactsPerGroup`, and those people, the first `online` of whom may
 * log in (to be online and change status). Written in the proxy's directory JSON format, with the
 * viewer's groups as `contacts`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LIMITS } from '@st/protocol/core';
import { BENCH_PASSWORD, cheapPasswordHash, numberedId } from '../lib/directory.ts';

export const VIEWER = 'viewer';
/** Groups this size: a few groups of a few hundred, as a large real list has. */
export const GROUP_SIZE = Math.min(500, LIMITS.contactsPerGroup);

export interface ContactListDirectory {
  file: string;
  people: string[];
  online: string[];
  groups: number;
}

export async function writeContactListDirectory(
  folder: string,
  people: number,
  online: number,
): Promise<ContactListDirectory> {
  const ids = Array.from({ length: people }, (_, i) => numberedId('c', i + 1, 6));
  const hash = cheapPasswordHash(BENCH_PASSWORD);
  const groups: { name: string; members: string[] }[] = [];
  for (let i = 0; i < ids.length; i += GROUP_SIZE) {
    groups.push({ name: `Group ${groups.length + 1}`, members: ids.slice(i, i + GROUP_SIZE) });
  }
  const entries = [
    { id: VIEWER, displayName: 'List Viewer', passwordHash: hash, contacts: groups },
    ...ids.map((id, i) => ({
      id,
      displayName: `Person ${i + 1}`,
      title: 'Engineer',
      ...(i < online ? { passwordHash: hash } : {}),
    })),
  ];
  const file = join(folder, 'directory.json');
  await writeFile(file, JSON.stringify({ people: entries }));
  return { file, people: ids, online: ids.slice(0, online), groups: groups.length };
}
