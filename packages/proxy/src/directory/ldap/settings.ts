/**
 * The LDAP settings: which attribute fills which business-card field, the filter every search is
 * narrowed by, TLS and timeouts. config.ts reads the `ST_LDAP_*` variables with the schemas here;
 * docs/ldap.md explains them.
 */
import { FilterParser } from 'ldapts';
import { z } from 'zod';

/** Business-card fields (and the login id) an LDAP attribute can fill. */
export const CARD_FIELDS = [
  'id',
  'displayName',
  'title',
  'department',
  'company',
  'location',
  'phone',
  'email',
  'photo',
  'language',
  'timeZone',
] as const;
export type CardField = (typeof CARD_FIELDS)[number];

/** The attribute of each field; a field without one is never filled. */
export type LdapAttributeMap = { id: string; displayName: string } & Partial<Record<CardField, string>>;

/** inetOrgPerson's attributes; a time zone has no standard attribute, so it is read only when mapped. */
export const DEFAULT_LDAP_ATTRIBUTES: LdapAttributeMap = {
  id: 'uid',
  displayName: 'cn',
  title: 'title',
  department: 'ou',
  company: 'o',
  location: 'l',
  phone: 'telephoneNumber',
  email: 'mail',
  photo: 'jpegPhoto',
  language: 'preferredLanguage',
};

/** Entries of people only, unless ST_LDAP_FILTER says otherwise (AD: `(&(objectCategory=person)(objectClass=user))`). */
export const DEFAULT_LDAP_FILTER = '(objectClass=person)';

/** An attribute description (RFC 4512): a name or OID, with options such as `;binary`. */
const ATTRIBUTE_PATTERN = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9-]+)*$/;
const REQUIRED: readonly CardField[] = ['id', 'displayName'];

function isCardField(name: string): name is CardField {
  return (CARD_FIELDS as readonly string[]).includes(name);
}

/** `field=attribute` pairs; an empty attribute (`title=`) leaves the field out. */
function parsePairs(text: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const at = part.indexOf('=');
    if (at < 0) throw new Error(`"${part.trim()}" is not field=attribute`);
    pairs[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return pairs;
}

/** Overrides on top of the defaults, as `field=attribute,…` or (in a config file) an object. */
export function parseLdapAttributes(raw: string | Record<string, string>): LdapAttributeMap {
  const overrides = typeof raw === 'string' ? parsePairs(raw) : raw;
  const map: Partial<Record<CardField, string>> = { ...DEFAULT_LDAP_ATTRIBUTES };
  for (const [field, attribute] of Object.entries(overrides)) {
    if (!isCardField(field))
      throw new Error(`unknown field "${field}"; fields are ${CARD_FIELDS.join(', ')}`);
    if (attribute === '') {
      if (REQUIRED.includes(field)) throw new Error(`the field "${field}" needs an attribute`);
      delete map[field];
      continue;
    }
    if (!ATTRIBUTE_PATTERN.test(attribute)) throw new Error(`"${attribute}" is not an attribute name`);
    map[field] = attribute;
  }
  return map as LdapAttributeMap;
}

export const LdapAttributesSetting = z
  .union([z.string(), z.record(z.string(), z.string())], {
    error: 'must be field=attribute pairs, e.g. title=title,phone=telephoneNumber',
  })
  .transform((raw, context) => {
    try {
      return parseLdapAttributes(raw);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

function isFilter(text: string): boolean {
  try {
    FilterParser.parseString(text);
    return true;
  } catch {
    return false;
  }
}

export const LdapFilterSetting = z
  .string()
  .trim()
  .refine(isFilter, 'must be an LDAP filter (RFC 4515), e.g. (objectClass=person)');

/** Everything the LDAP directory needs, taken from the proxy's configuration. */
export interface LdapSettings {
  /** `ldap://host:port` or `ldaps://host:port`, without the base DN. */
  url: string;
  baseDn: string;
  /** The service account that searches; without one, searches are anonymous. */
  bindDn?: string | undefined;
  bindPassword?: string | undefined;
  attributes: LdapAttributeMap;
  filter: string;
  startTls: boolean;
  /** PEM file of the CA that signed the server's certificate (else the system's CAs). */
  caFile?: string | undefined;
  /** An operation (bind, search) slower than this fails as unavailable. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** How long cards are cached ("no such person" for a fifth of it, at most a minute). */
  cacheSeconds: number;
}

/** Splits `ldap://host:port/<base DN>` into the server's URL and the base DN. */
export function splitLdapUrl(value: string): { url: string; baseDn: string } {
  const parsed = new URL(value);
  const scheme = parsed.protocol.toLowerCase();
  return { url: `${scheme}//${parsed.host}`, baseDn: decodeURIComponent(parsed.pathname.slice(1)) };
}

/** The settings that do not fit together, as one line; undefined when they do. */
export function ldapSettingsProblem(settings: {
  directory: string;
  ldapBindDn?: string | undefined;
  ldapBindPassword?: string | undefined;
  ldapStartTls: boolean;
}): string | undefined {
  if (!/^ldaps?:/i.test(settings.directory)) return undefined;
  if (Boolean(settings.ldapBindDn) !== Boolean(settings.ldapBindPassword)) {
    return 'ST_LDAP_BIND_DN and ST_LDAP_BIND_PASSWORD: set both, or neither for anonymous searches';
  }
  if (settings.ldapStartTls && /^ldaps:/i.test(settings.directory)) {
    return 'ST_LDAP_STARTTLS: use it with ldap:// URLs (ldaps:// is encrypted from the start)';
  }
  return undefined;
}
