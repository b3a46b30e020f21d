import type { ContactGroup, Presence } from '@st/client';
import { describe, expect, it } from 'vitest';
import { memberIds, shownGroups, tallyWords } from './contact-groups.ts';

const groups: ContactGroup[] = [
  {
    name: 'Team',
    members: [
      { id: 'bob', displayName: 'Bob Brown', nickname: 'Bobby' },
      { id: 'carol', displayName: 'Carol Chen' },
      { id: 'dave', displayName: 'Dave Diaz' },
    ],
  },
  { name: 'Friends', members: [{ id: 'bob', displayName: 'Bob Brown', nickname: 'Bobby' }] },
];
const presence = new Map<string, Pick<Presence, 'status'>>([
  ['bob', { status: 'away' }],
  ['carol', { status: 'offline' }],
]);

describe('shownGroups', () => {
  it('counts online people and keeps nicknames', () => {
    const [team] = shownGroups(groups, presence, false);
    expect(team).toMatchObject({ online: 1, total: 3, hiddenOffline: 0, pending: true });
    expect(team?.members.map((m) => m.nickname ?? m.displayName)).toEqual([
      'Bobby',
      'Carol Chen',
      'Dave Diaz',
    ]);
  });

  it('leaves out people known to be offline when asked, never those not known yet', () => {
    const [team, friends] = shownGroups(groups, presence, true);
    expect(team?.members.map((m) => m.id)).toEqual(['bob', 'dave']);
    expect(team?.hiddenOffline).toBe(1);
    expect(friends?.members.map((m) => m.id)).toEqual(['bob']);
  });

  it('says the tally in words', () => {
    expect(tallyWords({ online: 0, total: 3, pending: true })).toBe('checking…');
    expect(tallyWords({ online: 1, total: 3, pending: true })).toBe('1 of 3 online');
    expect(tallyWords({ online: 0, total: 0, pending: false })).toBe('nobody yet');
    expect(memberIds(groups)).toEqual(['bob', 'carol', 'dave']);
  });
});
