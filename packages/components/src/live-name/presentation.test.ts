import { STATUSES } from '@st/protocol/core';
import { describe, expect, it } from 'vitest';
import { MOBILE_ICON, STATUS_ICONS } from './icons.ts';
import { liveNameLabel, statusInWords } from './labels.ts';

/** The icons are markup constants. */
const markup = (icon: string) => icon;

describe('live name label', () => {
  it('holds the name and the status in words', () => {
    expect(liveNameLabel('Bob Brown', 'available', false)).toBe('Bob Brown, Available');
    expect(liveNameLabel('Bob Brown', 'available', true)).toBe('Bob Brown, Available on mobile');
    expect(liveNameLabel('Carol', 'dnd', false)).toBe('Carol, Do not disturb');
    expect(liveNameLabel('dave', 'in-meeting', false)).toBe('dave, In a meeting');
  });

  it('never calls an unknown status offline', () => {
    expect(statusInWords('unknown', false)).toBe('Status unknown');
    expect(statusInWords('offline', false)).toBe('Offline');
  });

  it('has distinct words for every status', () => {
    const words = STATUSES.map((status) => statusInWords(status, false));
    expect(new Set(words).size).toBe(STATUSES.length);
  });
});

describe('status icons', () => {
  it('give every status a shape of its own, so colour is never the only signal', () => {
    const shapes = STATUSES.map((status) => markup(STATUS_ICONS[status]));
    expect(shapes.every((shape) => shape.includes('<'))).toBe(true);
    expect(new Set(shapes).size).toBe(STATUSES.length);
  });

  it('draws offline and unknown without a filled disc', () => {
    expect(markup(STATUS_ICONS.offline)).toContain('fill="none"');
    expect(markup(STATUS_ICONS.offline)).not.toContain('fill="currentColor"');
    expect(markup(STATUS_ICONS.unknown)).toContain('stroke-dasharray');
    expect(markup(STATUS_ICONS.available)).not.toBe(markup(STATUS_ICONS.unknown));
  });

  it('has a phone glyph for mobile', () => {
    expect(markup(MOBILE_ICON)).toContain('<rect');
  });
});
