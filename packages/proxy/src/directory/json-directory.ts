import { readFile } from 'node:fs/promises';
import type { BusinessCard, ContactGroup, DirectoryPerson, UserSummary } from '@st/protocol';
import { DECOY_HASH, verifyPassword } from '../auth/password.ts';
import type { LoadedDirectory, PersonEntry } from './file-format.ts';
import { photoEtag } from './photo.ts';
import { makeSearchable, matchRank, queryTokens, type Searchable } from './search.ts';
import type { Directory, DirectoryHealth, Photo } from './types.ts';

interface Entry {
  person: PersonEntry;
  card: BusinessCard;
  searchable: Searchable;
  contacts: ContactGroup[];
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });

/** A directory held in memory from a JSON file (the demo directory is one). */
export class JsonDirectory implements Directory {
  private readonly entries = new Map<string, Entry>();
  /** Photos read on first use and kept: directories of this kind are small. */
  private readonly photos = new Map<string, Promise<Photo>>();

  constructor(private readonly loaded: LoadedDirectory) {
    for (const person of loaded.people) {
      const { passwordHash: _hash, contacts: _contacts, photo: _photo, ...fields } = person;
      this.entries.set(person.id, {
        person,
        card: { ...fields, hasPhoto: loaded.photoPaths.has(person.id) },
        searchable: makeSearchable(person.displayName, person.id, person.email),
        contacts: [],
      });
    }
    for (const entry of this.entries.values()) entry.contacts = this.buildContacts(entry.person);
  }

  private summary(id: string): UserSummary | undefined {
    const entry = this.entries.get(id);
    return entry && { id, displayName: entry.person.displayName };
  }

  private buildContacts(person: PersonEntry): ContactGroup[] {
    const groups = new Map<string, Set<string>>();
    const add = (name: string, members: readonly string[]) => {
      const set = groups.get(name) ?? new Set<string>();
      for (const id of members) if (id !== person.id) set.add(id);
      groups.set(name, set);
    };
    for (const team of this.loaded.teams) if (team.members.includes(person.id)) add(team.name, team.members);
    for (const group of person.contacts ?? []) add(group.name, group.members);
    return [...groups].map(([name, ids]) => ({
      name,
      members: [...ids].flatMap((id) => this.summary(id) ?? []),
    }));
  }

  async authenticate(userId: string, password: string): Promise<UserSummary | null> {
    const entry = this.entries.get(userId);
    const ok = await verifyPassword(password, entry?.person.passwordHash ?? DECOY_HASH);
    return ok && entry ? { id: userId, displayName: entry.person.displayName } : null;
  }

  async getPeople(ids: readonly string[]): Promise<BusinessCard[]> {
    return ids.flatMap((id) => this.entries.get(id)?.card ?? []);
  }

  async search(query: string, limit: number): Promise<DirectoryPerson[]> {
    const tokens = queryTokens(query);
    if (tokens.length === 0) return [];
    const found: { rank: number; entry: Entry }[] = [];
    for (const entry of this.entries.values()) {
      const rank = matchRank(entry.searchable, tokens);
      if (rank !== null) found.push({ rank, entry });
    }
    found.sort(
      (a, b) => a.rank - b.rank || collator.compare(a.entry.card.displayName, b.entry.card.displayName),
    );
    return found.slice(0, limit).map(({ entry: { card } }) => ({
      id: card.id,
      displayName: card.displayName,
      ...(card.email ? { email: card.email } : {}),
    }));
  }

  photo(id: string): Promise<Photo | null> {
    const path = this.loaded.photoPaths.get(id);
    if (!path) return Promise.resolve(null);
    let photo = this.photos.get(id);
    if (!photo) {
      const contentType = this.loaded.photoTypes.get(id)!;
      photo = readFile(path).then((bytes) => ({
        bytes,
        contentType,
        etag: photoEtag(bytes),
      }));
      // A failed read is not cached, so a photo fixed on disk shows up on the next request.
      photo.catch(() => this.photos.delete(id));
      this.photos.set(id, photo);
    }
    return photo;
  }

  async contacts(userId: string): Promise<ContactGroup[]> {
    return this.entries.get(userId)?.contacts ?? [];
  }

  async health(): Promise<DirectoryHealth> {
    return { ok: true };
  }
}
