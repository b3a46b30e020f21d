/**
 * Turning LDAP entries into business cards through the attribute map. Attribute names are matched
 * whatever their case (servers answer in their own spelling); a multi-valued attribute gives its
 * first value; text is trimmed and capped; bytes that are not UTF-8 are read as Latin-1.
 */
import type { BusinessCard, DirectoryPerson } from '@st/protocol';
import { isUserId } from '@st/protocol';
import type { Entry } from 'ldapts';
import type { CardField, LdapAttributeMap } from './settings.ts';

/** Card text longer than this is cut (a directory is not a place for essays). */
const MAX_TEXT = 256;
const TEXT_FIELDS = ['title', 'department', 'company', 'location', 'phone', 'email', 'language'] as const;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every value of `attribute` (ignoring case and options such as `;binary`). */
export function values(entry: Entry, attribute: string): (string | Buffer)[] {
  const wanted = attribute.toLowerCase().split(';')[0];
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'dn' || key.toLowerCase().split(';')[0] !== wanted) continue;
    return Array.isArray(value) ? value : [value];
  }
  return [];
}

function asText(value: string | Buffer | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = (typeof value === 'string' ? value : value.toString('latin1')).trim();
  return text === '' ? undefined : text.slice(0, MAX_TEXT);
}

/** The photo's bytes: ldapts gives a string when they happen to be valid UTF-8. */
export function photoBytes(entry: Entry, map: LdapAttributeMap): Buffer | undefined {
  if (!map.photo) return undefined;
  const [value] = values(entry, map.photo);
  if (value === undefined) return undefined;
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return bytes.length > 0 ? bytes : undefined;
}

/** The entry's ids that can travel in the API (a comma or a space in an id could not). */
export function entryIds(entry: Entry, map: LdapAttributeMap): string[] {
  return values(entry, map.id)
    .map((v) => asText(v))
    .filter((id): id is string => id !== undefined && isUserId(id));
}

function field(entry: Entry, map: LdapAttributeMap, name: CardField): string | undefined {
  const attribute = map[name];
  return attribute ? asText(values(entry, attribute)[0]) : undefined;
}

/** The card of the entry under `id` (one of its ids), with `hasPhoto` as the caller found it. */
export function toCard(entry: Entry, map: LdapAttributeMap, id: string, hasPhoto: boolean): BusinessCard {
  const card: BusinessCard = { id, displayName: field(entry, map, 'displayName') ?? id, hasPhoto };
  for (const name of TEXT_FIELDS) {
    const value = field(entry, map, name);
    if (value !== undefined) card[name] = value;
  }
  const timeZone = field(entry, map, 'timeZone');
  if (timeZone && isTimeZone(timeZone)) card.timeZone = timeZone;
  return card;
}

export function toPerson(card: BusinessCard): DirectoryPerson {
  return { id: card.id, displayName: card.displayName, ...(card.email ? { email: card.email } : {}) };
}

/** The attributes a search asks for: every mapped one, so one search answers a whole card. */
export function cardAttributes(map: LdapAttributeMap): string[] {
  return [...new Set(Object.values(map).filter((a): a is string => Boolean(a)))];
}
