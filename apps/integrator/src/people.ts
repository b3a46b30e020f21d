/** The intranet's own list of people: who may sign in to it, and who is in the team it shows. */
import { readFile } from 'node:fs/promises';

export interface Person {
  id: string;
  displayName: string;
  title: string;
}

export interface Intranet {
  people: Person[];
  team: { name: string; members: Person[] };
}

interface DirectoryFile {
  people: { id: string; displayName: string; title?: string }[];
  teams?: { name: string; members: string[] }[];
}

/** Reads a directory file in the proxy's format; its first team is the team page's. */
export async function loadIntranet(file: string): Promise<Intranet> {
  const data = JSON.parse(await readFile(file, 'utf8')) as DirectoryFile;
  const people = data.people.map(({ id, displayName, title }) => ({ id, displayName, title: title ?? '' }));
  const byId = new Map(people.map((person) => [person.id, person]));
  const first = data.teams?.[0];
  const members = (first?.members ?? people.map((p) => p.id)).flatMap((id) => byId.get(id) ?? []);
  return { people, team: { name: first?.name ?? 'Everyone', members } };
}
