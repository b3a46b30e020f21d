import { describe, expect, it } from 'vitest';
import { commonName, exactMatch } from './resolve.ts';

const people = [
  { id: 'bob', displayName: 'Bob Brown', email: 'bob@example.com' },
  { id: 'bobby', displayName: 'Bobby Tables', email: 'bobby@example.com' },
  { id: 'carol', displayName: 'Carol Castañeda' },
];

describe('commonName', () => {
  it('takes the common name of Notes-style names', () => {
    expect(commonName('CN=Bob Brown/OU=Sales/O=Acme')).toBe('Bob Brown');
    expect(commonName('Bob Brown/Acme')).toBe('Bob Brown');
    expect(commonName('bob@example.com')).toBe('bob@example.com');
  });
});

describe('exactMatch', () => {
  it('finds one person by e-mail, display name or Notes name, ignoring case', () => {
    expect(exactMatch('BOB@example.com', people)).toBe('bob');
    expect(exactMatch('Bob Brown', people)).toBe('bob');
    expect(exactMatch('CN=Carol Castañeda/O=Acme', people)).toBe('carol');
  });

  it('gives nothing for a partial match or when two people match', () => {
    expect(exactMatch('Brown', people)).toBeUndefined();
    const twins = [...people, { id: 'bob2', displayName: 'Bob Brown' }];
    expect(exactMatch('Bob Brown', twins)).toBeUndefined();
  });
});
