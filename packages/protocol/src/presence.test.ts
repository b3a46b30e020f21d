import { describe, expect, it } from 'vitest';
import { mergePresence } from './presence.ts';
import { fromSametimeCode, toSametimeCode } from './status.ts';

describe('mergePresence', () => {
  it('is offline with no live session', () => {
    expect(mergePresence('bob', 'hi', [])).toEqual({
      userId: 'bob',
      status: 'offline',
      message: '',
      mobile: false,
    });
  });
  it('lets the most available session win', () => {
    const p = mergePresence('bob', '', [
      { chosen: 'available', idle: true, mobile: false },
      { chosen: 'available', idle: false, mobile: true },
    ]);
    expect(p.status).toBe('available');
    expect(p.mobile).toBe(false);
  });
  it('shows not-using only when every session is idle, and never overrides a chosen status', () => {
    expect(mergePresence('b', '', [{ chosen: 'available', idle: true, mobile: false }]).status).toBe(
      'not-using',
    );
    expect(mergePresence('b', '', [{ chosen: 'dnd', idle: true, mobile: false }]).status).toBe('dnd');
  });
  it('is mobile only when every live session is mobile', () => {
    const p = mergePresence('b', '', [{ chosen: 'away', idle: false, mobile: true }]);
    expect(p.mobile).toBe(true);
    expect(toSametimeCode(p.status, p.mobile)).toBe(608);
  });
});

describe('Sametime codes', () => {
  it('round-trips every code the toolkit used', () => {
    expect(toSametimeCode('available', true)).toBe(544);
    expect(toSametimeCode('offline', true)).toBe(0);
    for (const code of [0, 8, 32, 64, 96, 128, 544, 608]) {
      const { status, mobile } = fromSametimeCode(code);
      expect(toSametimeCode(status, mobile)).toBe(code);
    }
    expect(fromSametimeCode(999).status).toBe('unknown');
  });
});
