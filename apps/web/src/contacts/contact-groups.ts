/**
 * The contact list as data: loading state, and how many people of each group are online. Kept free
 * of the DOM so it can be tested as plain functions.
 */
import { catchError, map, type Observable, of, startWith } from 'rxjs';

export interface ContactMember {
  id: string;
  displayName: string;
  /** The name the list's owner gave the person, if any. */
  nickname?: string;
}

export interface ContactGroup {
  name: string;
  members: ContactMember[];
}

/** A person's status as far as counting goes (the SDK's presence has more). */
export interface StatusLike {
  status: string;
}

export type ContactsState =
  | { kind: 'loading' }
  | { kind: 'loaded'; groups: ContactGroup[] }
  | { kind: 'failed'; message: string };

export const CONTACTS_FAILED = 'Your contacts could not be loaded.';

/** The SDK's `contacts$` as view states: loading, then each list as it changes, or the failure. */
export function contactsState(groups$: Observable<ContactGroup[]>): Observable<ContactsState> {
  return groups$.pipe(
    map((groups): ContactsState => ({ kind: 'loaded', groups })),
    startWith<ContactsState>({ kind: 'loading' }),
    catchError(() => of<ContactsState>({ kind: 'failed', message: CONTACTS_FAILED })),
  );
}

/** Offline and not-yet-known people are not online; every other status is someone reachable. */
export function isOnline(presence: StatusLike | undefined): boolean {
  return presence !== undefined && presence.status !== 'offline' && presence.status !== 'unknown';
}

export interface GroupTally {
  online: number;
  total: number;
  /** True until the server has said something about every member. */
  pending: boolean;
}

export function tallyGroup(
  group: ContactGroup,
  presenceById: ReadonlyMap<string, StatusLike | undefined>,
): GroupTally {
  let online = 0;
  let pending = false;
  for (const member of group.members) {
    const presence = presenceById.get(member.id);
    if (presence === undefined || presence.status === 'unknown') pending = true;
    if (isOnline(presence)) online++;
  }
  return { online, total: group.members.length, pending };
}

/** "2 of 3 online", said the same way on screen and to a screen reader. */
export function tallyText(tally: GroupTally): string {
  if (tally.total === 0) return 'nobody yet';
  // Before the first answers "0 of 3" would be a claim; say that it is not known yet instead.
  if (tally.pending && tally.online === 0) return 'checking…';
  return `${tally.online} of ${tally.total} online`;
}

/**
 * The members to show: all of them, or (when the person prefers to hide offline contacts) those
 * not known to be offline; someone not heard of yet is never taken for offline.
 */
export function shownMembers(
  group: ContactGroup,
  presenceById: ReadonlyMap<string, StatusLike | undefined>,
  hideOffline: boolean,
): ContactMember[] {
  if (!hideOffline) return group.members;
  return group.members.filter((member) => presenceById.get(member.id)?.status !== 'offline');
}

/** Every person in the list once, for watching their presence. */
export function memberIds(groups: readonly ContactGroup[]): string[] {
  const ids = new Set<string>();
  for (const group of groups) for (const member of group.members) ids.add(member.id);
  return [...ids];
}

/**
 * Groups whose disclosure the person closed, remembered by name so a reload of the list (after a
 * reconnect) does not reopen them. Names are unique within a contact list.
 */
export class CollapsedGroups {
  readonly #names = new Set<string>();

  isOpen(name: string): boolean {
    return !this.#names.has(name);
  }

  /** Returns whether anything changed, so a view re-renders only then. */
  setOpen(name: string, open: boolean): boolean {
    if (open === this.isOpen(name)) return false;
    if (open) this.#names.delete(name);
    else this.#names.add(name);
    return true;
  }
}
