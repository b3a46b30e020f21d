import { LIMITS } from '@st/protocol/core';
import { describe, expect, it } from 'vitest';
import type { ContactGroup } from '../contacts/contact-groups.ts';
import { moveTargets, nicknameEdit, nicknameNotice } from './contact-member-actions.ts';

const person = (id: string) => ({ id, displayName: id.toUpperCase() });

describe('moveTargets', () => {
  const groups: ContactGroup[] = [
    { name: 'Team', members: [person('bob'), person('carol')] },
    { name: 'Lunch', members: [person('dave')] },
    { name: 'Family', members: [person('bob')] },
    { name: 'Empty', members: [] },
  ];

  it('offers the other groups in list order, leaving out those already holding the person', () => {
    expect(moveTargets(groups, 'Team', 'carol')).toEqual(['Lunch', 'Family', 'Empty']);
    expect(moveTargets(groups, 'Team', 'bob')).toEqual(['Lunch', 'Empty']);
  });

  it('offers nothing when the person has nowhere else to go', () => {
    expect(moveTargets([{ name: 'Only', members: [person('bob')] }], 'Only', 'bob')).toEqual([]);
  });
});

describe('nicknameEdit', () => {
  it('sets a trimmed, normalised nickname', () => {
    expect(nicknameEdit('  Bobby  ')).toEqual({ kind: 'set', nickname: 'Bobby' });
    expect(nicknameEdit('Zoe\u0301')).toEqual({ kind: 'set', nickname: 'Zoé' });
  });

  it('clears the nickname when the field is empty or blank', () => {
    expect(nicknameEdit('')).toEqual({ kind: 'clear' });
    expect(nicknameEdit('   ')).toEqual({ kind: 'clear' });
  });

  it('refuses what the proxy would refuse', () => {
    const longest = 'x'.repeat(LIMITS.contactNicknameLength);
    expect(nicknameEdit(longest)).toEqual({ kind: 'set', nickname: longest });
    expect(nicknameEdit(`${longest}x`).kind).toBe('invalid');
    expect(nicknameEdit('a\u0007b')).toEqual({
      kind: 'invalid',
      problem: 'A nickname cannot hold control characters.',
    });
  });
});

describe('nicknameNotice', () => {
  it('says what changed', () => {
    expect(nicknameNotice('Bob Smith', { kind: 'set', nickname: 'Bobby' })).toBe(
      'Bob Smith is now called “Bobby” in your list.',
    );
    expect(nicknameNotice('Bob Smith', { kind: 'clear' })).toBe('Bob Smith no longer has a nickname.');
  });
});
