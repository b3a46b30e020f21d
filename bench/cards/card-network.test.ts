import { describe, expect, it } from 'vitest';
import { CallKind, callKind } from './card-network.ts';

describe('callKind', () => {
  it('tells batches, single cards and photos apart, and ignores everything else', () => {
    const server = 'http://127.0.0.1:9';
    expect(callKind(`${server}/api/v1/users?ids=a,b`)).toBe(CallKind.Cards);
    expect(callKind(`${server}/api/v1/users/p0001`)).toBe(CallKind.Card);
    expect(callKind(`${server}/api/v1/users/p0001/photo`)).toBe(CallKind.Photo);
    expect(callKind(`${server}/api/v1/users`)).toBeUndefined();
    expect(callKind(`${server}/api/v1/presence?users=a`)).toBeUndefined();
    expect(callKind(`${server}/st/components.js`)).toBeUndefined();
    expect(callKind('not a url')).toBeUndefined();
  });
});
