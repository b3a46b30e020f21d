import { describe, expect, it } from 'vitest';
import { clientOptions, sameSettings } from './client-options.ts';

const server = 'https://proxy.example';

describe('clientOptions', () => {
  it('uses the token when there is one, even with anonymous set', () => {
    expect(clientOptions({ server, token: 't0k', anonymous: false })).toEqual({ server, token: 't0k' });
    expect(clientOptions({ server, token: 't0k', anonymous: true })).toEqual({ server, token: 't0k' });
  });

  it('makes an anonymous client for anonymous without a token', () => {
    expect(clientOptions({ server, token: undefined, anonymous: true })).toEqual({ server, anonymous: true });
  });

  it('gives the session a stream of its own with own-stream', () => {
    expect(clientOptions({ server, token: 't0k', anonymous: false, ownStream: true })).toEqual({
      server,
      token: 't0k',
      shareConnection: false,
    });
    expect(clientOptions({ server, token: undefined, anonymous: false, ownStream: true })).toEqual({
      server,
      shareConnection: false,
    });
  });

  it('falls back to cookie mode', () => {
    expect(clientOptions({ server, token: undefined, anonymous: false })).toEqual({ server });
  });
});

describe('sameSettings', () => {
  it('tells a change of the anonymous flag apart', () => {
    const base = { server, token: undefined, anonymous: false };
    expect(sameSettings(base, { ...base })).toBe(true);
    expect(sameSettings(base, { ...base, anonymous: true })).toBe(false);
    expect(sameSettings(base, { ...base, ownStream: true })).toBe(false);
  });
});
