/**
 * How a business card's fields are shown: initials for a person without a photo, links for phone
 * and e-mail, and the person's local time. Plain functions, so they are tested without a DOM.
 */

/** How many colours the initials avatar picks from (one class each in the styles). */
export const AVATAR_COLOURS = 8;

/** Up to two letters (or digits) from the first and last word of a name: "Carol Castañeda" → "CC". */
export function initials(name: string): string {
  const words = name.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu) ?? [];
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words.at(-1) : undefined;
  const letter = (word: string) => [...word.normalize('NFC')][0] ?? '';
  return (letter(first) + (last ? letter(last) : '')).toLocaleUpperCase();
}

/** A colour for a person that stays the same on every page and visit (a hash of the id). */
export function avatarColour(userId: string): number {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % AVATAR_COLOURS;
}

/** A `tel:` link for a phone number as people write it ("+44 20 5550 0102"), or none. */
export function telHref(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const dialable = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return /\d{3,}/.test(dialable) ? `tel:${dialable}` : undefined;
}

/**
 * A `mailto:` link, or none for what is not an address. The local part is encoded, so an address
 * from the directory cannot smuggle in headers (`?cc=`) or a body.
 */
export function mailtoHref(email: string | undefined): string | undefined {
  const match = email?.trim().match(/^([^\s@]+)@([^\s@?#&/]+)$/);
  if (!match) return undefined;
  return `mailto:${encodeURIComponent(match[1]!)}@${match[2]}`;
}

/** The time now where the person is, e.g. "14:05", in the page's language; none for an unknown zone. */
export function localTime(timeZone: string | undefined, now: number, locale?: string): string | undefined {
  if (!timeZone) return undefined;
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(now);
  } catch {
    return undefined;
  }
}

/** Milliseconds until the next minute starts, so a clock ticks when the minute changes. */
export function msToNextMinute(now: number): number {
  return 60_000 - (now % 60_000);
}
