import { describe, expect, it } from 'vitest';
import { documentTitle, Phase, showsLoginForm } from './session-view.ts';

const alice = { id: 'alice', displayName: 'Alice Liddell' };

describe('documentTitle', () => {
  it('names the screen: the login, or the person logged in', () => {
    expect(documentTitle({ phase: Phase.SignedOut })).toBe('Log in · st-proxy');
    expect(documentTitle({ phase: Phase.SigningIn, userId: 'alice' })).toBe('Log in · st-proxy');
    expect(documentTitle({ phase: Phase.SignedIn, user: alice })).toBe('Alice Liddell · st-proxy');
    expect(documentTitle({ phase: Phase.Resuming })).toBe('st-proxy');
  });

  it('puts unread messages first while signed in', () => {
    expect(documentTitle({ phase: Phase.SignedIn, user: alice }, 3)).toBe('(3) Alice Liddell · st-proxy');
    expect(documentTitle({ phase: Phase.SignedIn, user: alice }, 0)).toBe('Alice Liddell · st-proxy');
    expect(documentTitle({ phase: Phase.SignedOut }, 3)).toBe('Log in · st-proxy');
  });
});

describe('showsLoginForm', () => {
  it('keeps the form up while a login is in flight, and only then', () => {
    expect(showsLoginForm({ phase: Phase.SignedOut })).toBe(true);
    expect(showsLoginForm({ phase: Phase.SigningIn, userId: 'alice' })).toBe(true);
    expect(showsLoginForm({ phase: Phase.Resuming })).toBe(false);
    expect(showsLoginForm({ phase: Phase.SignedIn, user: alice })).toBe(false);
    expect(showsLoginForm({ phase: Phase.SigningOut, user: alice })).toBe(false);
  });
});
