import { describe, expect, it } from 'vitest';
import {
  AVATAR_COLOURS,
  avatarColour,
  initials,
  localTime,
  mailtoHref,
  msToNextMinute,
  telHref,
} from './card-fields.ts';

describe('initials', () => {
  it('takes the first letters of the first and last word', () => {
    expect(initials('Carol Castañeda')).toBe('CC');
    expect(initials('Alice van der Berg')).toBe('AB');
    expect(initials('dave')).toBe('D');
    expect(initials('Émile Zola')).toBe('ÉZ');
    expect(initials("Siobhán O'Brien")).toBe('SO');
  });

  it('skips markup and punctuation, and has a stand-in for nothing', () => {
    expect(initials('<b>Mallory</b> Smith')).toBe('BS');
    expect(initials('  -- ')).toBe('?');
    expect(initials('')).toBe('?');
  });
});

describe('avatarColour', () => {
  it('is stable for an id and within the palette', () => {
    expect(avatarColour('bob')).toBe(avatarColour('bob'));
    const colours = new Set(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace'].map(avatarColour));
    expect(colours.size).toBeGreaterThan(1);
    for (const c of colours) expect(c).toBeGreaterThanOrEqual(0);
    for (const c of colours) expect(c).toBeLessThan(AVATAR_COLOURS);
  });
});

describe('links', () => {
  it('dials what can be dialled', () => {
    expect(telHref('+44 20 5550 0102')).toBe('tel:+442055500102');
    expect(telHref('(030) 1234-5678')).toBe('tel:03012345678');
    expect(telHref('call me')).toBeUndefined();
    expect(telHref(undefined)).toBeUndefined();
  });

  it('mails only addresses, with nothing smuggled in', () => {
    expect(mailtoHref('bob@example.com')).toBe('mailto:bob@example.com');
    expect(mailtoHref('o’brien+x@example.com')).toBe('mailto:o%E2%80%99brien%2Bx@example.com');
    expect(mailtoHref('a@example.com?cc=evil@example.com')).toBeUndefined();
    expect(mailtoHref('javascript:alert(1)')).toBeUndefined();
    expect(mailtoHref('not an address')).toBeUndefined();
  });
});

describe('localTime', () => {
  const noonUtc = Date.UTC(2026, 0, 15, 12, 5);
  it('shows the time in the person’s zone', () => {
    expect(localTime('Europe/Berlin', noonUtc, 'en-GB')).toBe('13:05');
    expect(localTime('America/Toronto', noonUtc, 'en-GB')).toMatch(/^0?7:05$/);
  });
  it('shows nothing for an unknown or missing zone', () => {
    expect(localTime('Mars/Olympus', noonUtc)).toBeUndefined();
    expect(localTime(undefined, noonUtc)).toBeUndefined();
  });
  it('knows when the next minute starts', () => {
    expect(msToNextMinute(noonUtc)).toBe(60_000);
    expect(msToNextMinute(noonUtc + 59_000)).toBe(1_000);
  });
});
