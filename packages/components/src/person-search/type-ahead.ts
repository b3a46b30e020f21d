/**
 * A directory search as a stream of states: nothing until the query is long enough, then a
 * debounced search per query; a newer query drops the answer to an older one. Kept free of the DOM
 * (and of real time: the scheduler is passed in) so it is tested as a function.
 */
import { type DirectoryPerson, LIMITS } from '@st/protocol/core';
import {
  asyncScheduler,
  catchError,
  distinctUntilChanged,
  from,
  map,
  type Observable,
  of,
  type SchedulerLike,
  startWith,
  switchMap,
  timer,
} from 'rxjs';

/** What a failed search says when the page gives no words of its own. */
export function searchProblem(error: unknown): string {
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 401) return 'Your session has ended; log in again.';
  if (status === 429) return 'Too many searches at once; wait a moment and try again.';
  if (status === 503) return 'The directory cannot be reached right now; try again shortly.';
  if (status === 0) return 'The server cannot be reached; check the connection and try again.';
  return 'The search did not work; try again.';
}

/** Typing pauses this long before the directory is asked: one search per word, not per key. */
export const SEARCH_DEBOUNCE_MS = 250;

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; query: string }
  | { kind: 'results'; query: string; people: DirectoryPerson[] }
  | { kind: 'failed'; query: string; message: string };

export const IDLE: SearchState = { kind: 'idle' };

export function typeAhead(
  query$: Observable<string>,
  search: (query: string) => Promise<DirectoryPerson[]>,
  scheduler: SchedulerLike = asyncScheduler,
  debounceMs = SEARCH_DEBOUNCE_MS,
  problem: (error: unknown) => string = searchProblem,
  minLength: number = LIMITS.searchMinLength,
): Observable<SearchState> {
  return query$.pipe(
    map((query) => query.trim()),
    distinctUntilChanged(),
    switchMap((query): Observable<SearchState> => {
      if (query.length < minLength) return of(IDLE);
      return timer(debounceMs, scheduler).pipe(
        switchMap(() => from(search(query))),
        map((people): SearchState => ({ kind: 'results', query, people })),
        catchError((error: unknown) => of<SearchState>({ kind: 'failed', query, message: problem(error) })),
        startWith<SearchState>({ kind: 'searching', query }),
      );
    }),
  );
}

/** What the listbox says in words (for the live region under the field). */
export function searchSummary(state: SearchState): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'searching':
      return 'Searching…';
    case 'failed':
      return state.message;
    case 'results': {
      const n = state.people.length;
      if (n === 0) return `No one found for “${state.query}”.`;
      return n === 1 ? '1 person found.' : `${n} people found.`;
    }
  }
}

/**
 * The option a key moves to in a listbox of `count` options (`-1`: none active). `undefined` for a
 * key that does not move (the caller lets it through to the field).
 */
export function moveActive(key: string, active: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return active < 0 || active >= count - 1 ? 0 : active + 1;
    case 'ArrowUp':
      return active <= 0 ? count - 1 : active - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
