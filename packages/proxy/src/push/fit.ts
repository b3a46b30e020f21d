/**
 * Keeping a payload within a push service's size limit by shortening the text in it, never by
 * cutting the JSON: the longest prefix of the text (whole code points, with an ellipsis) whose
 * payload fits.
 */

const ELLIPSIS = '…';

/** Size in bytes of a payload as it goes on the wire. */
export function byteLength(payload: string): number {
  return Buffer.byteLength(payload, 'utf8');
}

/**
 * The payload `build(text)` for the longest prefix of `text` that keeps it within `limit` bytes.
 * Throws when even an empty text does not fit (the rest of the payload is too large).
 */
export function fitText(text: string, limit: number, build: (text: string) => string): string {
  const whole = build(text);
  if (byteLength(whole) <= limit) return whole;
  const points = Array.from(text);
  let low = 0;
  let high = points.length - 1;
  let best: string | undefined;
  // Binary search on the number of code points kept.
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = build(points.slice(0, middle).join('').trimEnd() + ELLIPSIS);
    if (byteLength(candidate) <= limit) {
      best = candidate;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (best === undefined) throw new RangeError(`the payload exceeds ${limit} bytes without any text`);
  return best;
}
