import { describe, expect, it } from 'vitest';
import { CARD_GAP, placeCard, VIEWPORT_MARGIN } from './placement.ts';

const viewport = { width: 1000, height: 800 };
const card = { width: 300, height: 200 };
const box = (left: number, top: number, width = 80, height = 20) => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

describe('placeCard', () => {
  it('goes below the name, aligned with its start', () => {
    expect(placeCard(box(100, 100), card, viewport)).toEqual({
      top: 120 + CARD_GAP,
      left: 100,
      side: 'below',
    });
  });

  it('flips above when there is no room below', () => {
    const placed = placeCard(box(100, 700), card, viewport);
    expect(placed.side).toBe('above');
    expect(placed.top).toBe(700 - CARD_GAP - 200);
  });

  it('aligns with the end of the name when it would leave on the right', () => {
    const placed = placeCard(box(900, 100), card, viewport);
    expect(placed.left).toBe(980 - 300);
  });

  it('stays inside a phone screen', () => {
    const phone = { width: 360, height: 640 };
    const wide = { width: 344, height: 300 };
    const placed = placeCard(box(250, 300, 100), wide, phone);
    expect(placed.left).toBeGreaterThanOrEqual(VIEWPORT_MARGIN);
    expect(placed.left + wide.width).toBeLessThanOrEqual(phone.width - VIEWPORT_MARGIN);
    expect(placed.top).toBeGreaterThanOrEqual(VIEWPORT_MARGIN);
    expect(placed.top + wide.height).toBeLessThanOrEqual(phone.height - VIEWPORT_MARGIN);
  });

  it('takes the roomier side when neither fits, and keeps the top on screen', () => {
    const tall = { width: 300, height: 700 };
    const low = placeCard(box(100, 600), tall, viewport);
    expect(low.side).toBe('above');
    expect(low.top).toBe(VIEWPORT_MARGIN);
    const high = placeCard(box(100, 100), tall, viewport);
    expect(high.side).toBe('below');
    expect(high.top + tall.height).toBeLessThanOrEqual(viewport.height - VIEWPORT_MARGIN);
  });
});
