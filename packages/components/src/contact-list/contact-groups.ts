/**
 * The contact list as it is shown: each group with its members in order, their nicknames, how
 * many are online, and (when the person prefers) without the offline ones. Plain functions of the
 * list, the presence known so far and the preference, tested without a DOM.
 */
import type { ContactGroup, Presence } from '@st/client';

export interface ShownMember {
  id: string;
  displayName: string;
  nickname: string | undefined;
}

export interface ShownGroup {
  name: string;
  members: ShownMember[];
  online: number;
  total: number;
  /** Members left out because they are offline. */
  hiddenOffline: number;
  /** Some members' presence is not known yet. */
  pending: boolean;
}

/** Reachable somehow: anything but offline, and not merely not known yet. */
export function isOnline(presence: Pick<Presence, 'status'> | undefined): boolean {
  return presence !== undefined && presence.status !== 'offline' && presence.status !== 'unknown';
}

export function shownGroups(
  groups: readonly ContactGroup[],
  presence: ReadonlyMap<string, Pick<Presence, 'status'>>,
  hideOffline: boolean,
): ShownGroup[] {
  return groups.map((group) => {
    let online = 0;
    let pending = false;
    const members: ShownMember[] = [];
    for (const member of group.members) {
      const known = presence.get(member.id);
      if (known === undefined || known.status === 'unknown') pending = true;
      if (isOnline(known)) online++;
      // Only people known to be offline are left out: "not known yet" is never offline.
      if (hideOffline && known?.status === 'offline') continue;
      members.push({ id: member.id, displayName: member.displayName, nickname: member.nickname });
    }
    return {
      name: group.name,
      members,
      online,
      total: group.members.length,
      hiddenOffline: group.members.length - members.length,
      pending,
    };
  });
}

/** "2 of 5 online", or "checking…" before any answer. */
export function tallyWords(group: Pick<ShownGroup, 'online' | 'total' | 'pending'>): string {
  if (group.total === 0) return 'nobody yet';
  if (group.pending && group.online === 0) return 'checking…';
  return `${group.online} of ${group.total} online`;
}

/** Every person of the list once. */
export function memberIds(groups: readonly ContactGroup[]): string[] {
  const ids = new Set<string>();
  for (const group of groups) for (const member of group.members) ids.add(member.id);
  return [...ids];
}
