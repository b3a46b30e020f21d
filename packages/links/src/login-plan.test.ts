import { describe, expect, it } from 'vitest';
import { clientOptionsFor, planLogin } from './login-plan.ts';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl';

describe('planLogin', () => {
  it('is a password login for a name and a password', () => {
    expect(planLogin('alice', 'demo', false)).toEqual({
      kind: 'password',
      userId: 'alice',
      password: 'demo',
    });
  });

  it('is a single sign-on assertion for a JWT given by token, whatever the name', () => {
    expect(planLogin('alice', jwt, true)).toEqual({ kind: 'assertion', assertion: jwt });
    expect(planLogin('', jwt, 'true')).toEqual({ kind: 'assertion', assertion: jwt });
  });

  it("is the proxy's own token for any other token", () => {
    expect(planLogin('alice', 'abc_DEF-123', true)).toEqual({ kind: 'token', token: 'abc_DEF-123' });
  });

  it("is anonymous for the toolkit's guest login (no name, no token)", () => {
    expect(planLogin('', '', false)).toEqual({ kind: 'anonymous' });
    expect(planLogin(undefined, undefined, undefined)).toEqual({ kind: 'anonymous' });
    expect(planLogin('', '', true)).toEqual({ kind: 'anonymous' });
  });
});

describe('clientOptionsFor', () => {
  const server = 'https://proxy.example';
  it('keeps the login token for logins, so pages on other sites need no cookie', () => {
    expect(clientOptionsFor({ kind: 'password', userId: 'a', password: 'b' }, server)).toEqual({
      server,
      useLoginToken: true,
    });
    expect(clientOptionsFor({ kind: 'assertion', assertion: jwt }, server)).toEqual({
      server,
      useLoginToken: true,
    });
  });

  it('passes a token, asks for anonymous, or uses the cookie', () => {
    expect(clientOptionsFor({ kind: 'token', token: 't' }, server)).toEqual({ server, token: 't' });
    expect(clientOptionsFor({ kind: 'anonymous' }, server)).toEqual({ server, anonymous: true });
    expect(clientOptionsFor({ kind: 'cookie' }, server)).toEqual({ server });
  });
});
