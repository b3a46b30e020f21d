/**
 * What a failed contact-list change or search says to the person: the SDK's error classes turned
 * into one sentence each, and the checks a group name must pass before it is sent.
 */
import { LIMITS } from '@st/protocol/core';

interface ErrorLike {
  code?: unknown;
  status?: unknown;
}

/** One sentence for a failure of a contact-list change or a directory search. */
export function contactProblem(error: unknown): string {
  const { code, status } = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  switch (code) {
    case 'ST_ERR_CONFLICT':
      return 'There is already a group with that name.';
    case 'ST_ERR_CONTACT_LIMIT':
      return 'Your contact list is full: remove someone or a group first.';
    case 'ST_ERR_USER_NOT_FOUND':
      return 'The directory has no such person any more.';
    case 'ST_ERR_NOT_FOUND':
      return 'That group no longer exists; the list has been brought up to date.';
    case 'ST_ERR_RATE_LIMITED':
      return 'Too many changes at once; wait a moment and try again.';
    case 'ST_ERR_DIRECTORY_UNAVAILABLE':
      return 'The directory cannot be reached right now; try again shortly.';
    case 'ST_ERR_NETWORK':
      return 'The server cannot be reached; check the connection and try again.';
    case 'ST_ERR_VALIDATION':
      return 'That is not a name a group can have.';
  }
  if (status === 401) return 'Your session has ended; log in again.';
  return 'That did not work; try again.';
}

/** One sentence for a failed directory search (a refused query is no group name's fault). */
export function searchProblem(error: unknown): string {
  const { code } = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (code === 'ST_ERR_VALIDATION') return 'The directory cannot search for that; try a shorter name.';
  return contactProblem(error);
}

/** The same rules as the proxy's, checked before asking: why a group name cannot be used, if so. */
export function groupNameProblem(
  name: string,
  existing: readonly string[],
  current?: string,
): string | undefined {
  const wanted = name.trim().normalize('NFC');
  if (!wanted) return 'Give the group a name.';
  if (wanted.length > LIMITS.contactGroupNameLength)
    return `A group name has at most ${LIMITS.contactGroupNameLength} characters.`;
  if (/\p{Cc}/u.test(wanted)) return 'A group name cannot hold control characters.';
  const taken = existing.some((other) => other !== current && other.normalize('NFC') === wanted);
  return taken ? `There is already a group called “${wanted}”.` : undefined;
}
