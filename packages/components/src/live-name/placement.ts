/**
 * Where a business card goes next to its name: below it and aligned with its start, flipped above
 * when there is no room below, and aligned with its end when it would leave the screen on the
 * right; always kept inside the viewport. A plain function of rectangles, so it is tested without
 * a browser.
 */

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Placement {
  top: number;
  left: number;
  side: 'below' | 'above';
}

/** Space between the name and the card, and between the card and the edges of the viewport. */
export const CARD_GAP = 6;
export const VIEWPORT_MARGIN = 8;

export function placeCard(anchor: Box, card: Size, viewport: Size): Placement {
  const fitsBelow = anchor.bottom + CARD_GAP + card.height <= viewport.height - VIEWPORT_MARGIN;
  const fitsAbove = anchor.top - CARD_GAP - card.height >= VIEWPORT_MARGIN;
  const roomBelow = viewport.height - anchor.bottom;
  // Neither fits: take the side with more room, then keep it on screen.
  const side = fitsBelow || (!fitsAbove && roomBelow >= anchor.top) ? 'below' : 'above';
  const wantedTop = side === 'below' ? anchor.bottom + CARD_GAP : anchor.top - CARD_GAP - card.height;

  const fitsStart = anchor.left + card.width <= viewport.width - VIEWPORT_MARGIN;
  const wantedLeft = fitsStart ? anchor.left : anchor.right - card.width;

  return {
    top: clamp(wantedTop, VIEWPORT_MARGIN, viewport.height - VIEWPORT_MARGIN - card.height),
    left: clamp(wantedLeft, VIEWPORT_MARGIN, viewport.width - VIEWPORT_MARGIN - card.width),
    side,
  };
}

/** `value` within [min, max]; `min` wins when the range is empty (a card taller than the screen). */
function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}
