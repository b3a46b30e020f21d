/** Turning user ids from a request into people the directory knows, in its spelling. */
import type { UserSummary } from '@st/protocol';
import { ApiError } from '../errors.ts';
import type { ChatDeps } from './deps.ts';

/** Ids per directory lookup (announcements may name up to 1000 people). */
const LOOKUP_BATCH = 100;
const MAX_DETAILS = 20;

/**
 * The people named by `ids` (repeats and `self` left out), in the order given. Any id the directory
 * does not know makes the whole request ST_ERR_USER_NOT_FOUND, naming those ids, so nothing goes
 * half-way to a list with a typo in it.
 */
export async function resolvePeople(
  deps: Pick<ChatDeps, 'directory' | 'maySee'>,
  ids: readonly string[],
  self: string,
  where: string,
): Promise<UserSummary[]> {
  const { directory } = deps;
  const fold = directory.caseInsensitiveIds ? (id: string) => id.toLowerCase() : (id: string) => id;
  const wanted = [...new Set(ids.map(fold))].filter((id) => id !== fold(self));
  const found = new Map<string, UserSummary>();
  for (let i = 0; i < wanted.length; i += LOOKUP_BATCH) {
    const cards = await directory.getPeople(wanted.slice(i, i + LOOKUP_BATCH));
    for (const card of cards) {
      if (deps.maySee(card.id, self))
        found.set(fold(card.id), { id: card.id, displayName: card.displayName });
    }
  }
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new ApiError('ST_ERR_USER_NOT_FOUND', {
      message: `The directory knows no ${missing.length === 1 ? 'person' : 'people'} with ${missing.length === 1 ? 'this id' : 'these ids'}: ${missing.slice(0, MAX_DETAILS).join(', ')}.`,
      details: missing.slice(0, MAX_DETAILS).map((id) => ({ path: where, message: `no such person: ${id}` })),
    });
  }
  return wanted.map((id) => found.get(id)!);
}

/** One person the caller may see, or ST_ERR_USER_NOT_FOUND. */
export async function resolvePerson(
  deps: Pick<ChatDeps, 'directory' | 'maySee'>,
  id: string,
  self: string,
  where: string,
): Promise<UserSummary> {
  const [card] = await deps.directory.getPeople([id]);
  if (!card || !deps.maySee(card.id, self))
    throw new ApiError('ST_ERR_USER_NOT_FOUND', {
      details: [{ path: where, message: `no such person: ${id}` }],
    });
  return { id: card.id, displayName: card.displayName };
}
