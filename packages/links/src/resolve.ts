/**
 * The toolkit's `resolve` flag: the page gave a name that may not be a user id (a Notes name such as
 * `CN=Bob Brown/O=Acme`, an e-mail address, a display name) and the toolkit looked it up. Here the
 * name is kept when the directory knows it as an id; otherwise the directory is searched and a single
 * exact match (by id, e-mail or display name) gives the id. Anything less certain keeps the name.
 */
import type { BusinessCard, DirectoryPerson, StClient } from '@st/client';
import { firstOr } from './client-feed.ts';

/** The common name of a Notes-style name (`CN=Bob Brown/OU=Sales/O=Acme` or `Bob Brown/Acme`). */
export function commonName(name: string): string {
  const first = name.split('/')[0] ?? name;
  return first.replace(/^\s*cn\s*=\s*/i, '').trim();
}

/** The one person who is exactly the name (id, e-mail or display name, ignoring case), if one is. */
export function exactMatch(name: string, people: DirectoryPerson[]): string | undefined {
  const wanted = new Set([name.trim().toLowerCase(), commonName(name).toLowerCase()]);
  const matches = people.filter((person) =>
    [person.id, person.email, person.displayName].some(
      (value) => value !== undefined && wanted.has(value.toLowerCase()),
    ),
  );
  return matches.length === 1 ? matches[0]?.id : undefined;
}

/**
 * The user id for a name, or `undefined` when it cannot be told. Searching needs a login: an
 * anonymous page only learns whether the name is an id.
 */
export async function resolveUserId(
  client: Pick<StClient, 'card' | 'searchDirectory' | 'user'>,
  name: string,
): Promise<string | undefined> {
  const card = await firstOr<BusinessCard | undefined>(client.card(name), undefined);
  if (card) return card.id;
  if (!client.user?.id) return undefined;
  const term = commonName(name);
  if (!term) return undefined;
  try {
    return exactMatch(name, await client.searchDirectory(term));
  } catch {
    return undefined;
  }
}
