import { describe, expect, it } from 'vitest';
import { PrivacyRule, ruleAllows } from './rule.ts';

describe('a privacy rule', () => {
  it('is absent for a list that hides from nobody, so everyone may see', () => {
    expect(PrivacyRule.of('alice', { mode: 'everybody-except', people: [] }, false)).toBeUndefined();
    expect(ruleAllows(undefined, 'bob')).toBe(true);
    expect(ruleAllows(undefined, '')).toBe(true);
  });

  it('everybody-except: everyone but the people listed, and never a caller without a login', () => {
    const rule = PrivacyRule.of('alice', { mode: 'everybody-except', people: ['bob'] }, false)!;
    expect(rule.allows('carol')).toBe(true);
    expect(rule.allows('bob')).toBe(false);
    expect(rule.allows('')).toBe(false);
    expect(rule.allows('alice')).toBe(true);
  });

  it('only-these: only the people listed and the owner; with nobody listed, only the owner', () => {
    const rule = PrivacyRule.of('alice', { mode: 'only-these', people: ['bob'] }, false)!;
    expect(rule.allows('bob')).toBe(true);
    expect(rule.allows('carol')).toBe(false);
    expect(rule.allows('')).toBe(false);
    const nobody = PrivacyRule.of('alice', { mode: 'only-these', people: [] }, false)!;
    expect(nobody.allows('bob')).toBe(false);
    expect(nobody.allows('alice')).toBe(true);
  });

  it('matches ids whatever their case when the directory does', () => {
    const folded = PrivacyRule.of('Alice', { mode: 'everybody-except', people: ['BOB'] }, true)!;
    expect(folded.allows('bob')).toBe(false);
    expect(folded.allows('ALICE')).toBe(true);
    const exact = PrivacyRule.of('Alice', { mode: 'everybody-except', people: ['BOB'] }, false)!;
    expect(exact.allows('bob')).toBe(true);
  });
});
