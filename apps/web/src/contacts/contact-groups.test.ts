import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  CollapsedGroups,
  type ContactsState,
  contactsState,
  isOnline,
  memberIds,
  tallyGroup,
  tallyText,
} from './contact-groups.ts';

const team = {
  name: 'Team',
  members: [
    { id: 'bob', displayName: 'Bob' },
    { id: 'carol', displayName: 'Carol' },
    { id: 'dave', displayName: 'Dave' },
  ],
};

describe('isOnline', () => {
  it('counts every reachable status, and neither offline nor unknown', () => {
    for (const status of ['available', 'away', 'dnd', 'in-meeting', 'not-using']) {
      expect(isOnline({ status })).toBe(true);
    }
    expect(isOnline({ status: 'offline' })).toBe(false);
    expect(isOnline({ status: 'unknown' })).toBe(false);
    expect(isOnline(undefined)).toBe(false);
  });
});

describe('tallyGroup', () => {
  it('counts who is online and says whether anyone is still unknown', () => {
    const presence = new Map([
      ['bob', { status: 'available' }],
      ['carol', { status: 'offline' }],
    ]);
    expect(tallyGroup(team, presence)).toEqual({ online: 1, total: 3, pending: true });
    presence.set('dave', { status: 'dnd' });
    expect(tallyGroup(team, presence)).toEqual({ online: 2, total: 3, pending: false });
  });

  it('reads as words', () => {
    expect(tallyText({ online: 2, total: 3, pending: false })).toBe('2 of 3 online');
    expect(tallyText({ online: 0, total: 0, pending: false })).toBe('nobody yet');
    expect(tallyText({ online: 0, total: 3, pending: true })).toBe('checking…');
    expect(tallyText({ online: 1, total: 3, pending: true })).toBe('1 of 3 online');
    expect(tallyText({ online: 0, total: 3, pending: false })).toBe('0 of 3 online');
  });
});

describe('memberIds', () => {
  it('lists each person once, even when in several groups', () => {
    const friends = {
      name: 'Friends',
      members: [
        { id: 'bob', displayName: 'Bob' },
        { id: 'erin', displayName: 'Erin' },
      ],
    };
    expect(memberIds([team, friends])).toEqual(['bob', 'carol', 'dave', 'erin']);
  });
});

describe('CollapsedGroups', () => {
  it('starts open, remembers a closed group, and reports only real changes', () => {
    const groups = new CollapsedGroups();
    expect(groups.isOpen('Team')).toBe(true);
    expect(groups.setOpen('Team', true)).toBe(false);
    expect(groups.setOpen('Team', false)).toBe(true);
    expect(groups.isOpen('Team')).toBe(false);
    expect(groups.isOpen('Friends')).toBe(true);
    expect(groups.setOpen('Team', true)).toBe(true);
    expect(groups.isOpen('Team')).toBe(true);
  });
});

describe('contactsState', () => {
  it('is loading, then follows each list, and ends in a failure it can show', () => {
    const groups$ = new Subject<(typeof team)[]>();
    const seen: ContactsState[] = [];
    contactsState(groups$).subscribe((s) => seen.push(s));
    groups$.next([team]);
    groups$.next([]);
    groups$.error(new Error('401'));
    expect(seen.map((s) => s.kind)).toEqual(['loading', 'loaded', 'loaded', 'failed']);
    expect(seen[2]).toEqual({ kind: 'loaded', groups: [] });
  });
});
