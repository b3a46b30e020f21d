/**
 * What text people type for others to see may hold. Control characters (NUL, escape, ...) and the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are refused:
 * they let one person make their words, or a name, read differently on others' screens
 * ("display spoofing"). Line breaks and tabs are allowed where text has lines (messages).
 */

/** Characters that reorder the text around them. */
export const BIDI_CONTROLS = '\u202A-\u202E\u2066-\u2069';

/** One line of visible text: no control characters, no bidirectional controls. */
export const VISIBLE_LINE = new RegExp(`^[^\\p{Cc}${BIDI_CONTROLS}]*$`, 'u');

/** Text of several lines: as VISIBLE_LINE, but line feeds, carriage returns and tabs are fine. */
export const VISIBLE_TEXT = new RegExp(`^(?:[\\n\\r\\t]|[^\\p{Cc}${BIDI_CONTROLS}])*$`, 'u');

export const VISIBLE_LINE_MESSAGE = 'must not contain control or bidirectional override characters';
export const VISIBLE_TEXT_MESSAGE =
  'must not contain control characters (other than line breaks and tabs) or bidirectional override characters';

/** Whether `text` is one line of visible text. */
export function isVisibleLine(text: string): boolean {
  return VISIBLE_LINE.test(text);
}
