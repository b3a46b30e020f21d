/**
 * How each setting's raw value (an environment string or a config-file value) is checked and
 * turned into its typed form. A parser throws SettingProblem with the words that follow the
 * setting's name in the one-line start-up error.
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserId } from '@st/protocol';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { PushKeyError } from './push/keys.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Parser = (raw: unknown, context: SettingContext) => unknown;

export class SettingProblem extends Error {}

export function numberIn(min: number, max: number, whole: boolean): Parser {
  const pattern = whole ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
  const what = whole ? 'a whole number' : 'a number';
  return (raw) => {
    const value =
      typeof raw === 'number' ? raw : typeof raw === 'string' && pattern.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isFinite(value) || (whole && !Number.isInteger(value)))
      throw new SettingProblem(`must be ${what}`);
    if (value < min) throw new SettingProblem(`must be at least ${min}`);
    if (value > max) throw new SettingProblem(`must be at most ${max}`);
    return value;
  };
}

export const TRUE_WORDS = ['true', '1', 'yes', 'on'];
export const FALSE_WORDS = ['false', '0', 'no', 'off'];
export const flag: Parser = (raw) => {
  if (typeof raw === 'boolean') return raw;
  const word = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  throw new SettingProblem('must be true or false');
};

export const host = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .regex(/^[A-Za-z0-9.:%[\]-]+$/, 'must be a host name or IP address');

/**
 * The origins of the mobile app's web view on iOS (Capacitor's, and Ionic's older one): not URLs a
 * browser would call origins, but what the app's requests and WebSockets send as `Origin`.
 */
export const APP_ORIGINS = new Set(['capacitor://localhost', 'ionic://localhost']);

export function isOrigin(value: string): boolean {
  if (APP_ORIGINS.has(value)) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

export const origins = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(','))])
  .transform((list) => list.map((o) => o.trim().replace(/\/$/, '')).filter(Boolean))
  .pipe(
    z.array(
      z.string().refine(isOrigin, {
        error: (issue) =>
          `"${String(issue.input)}" is not an origin (scheme://host[:port], e.g. https://intranet.example)`,
      }),
    ),
  );

/** The names @fastify/proxy-addr knows for whole ranges. */
const TRUST_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a CIDR (`10.0.0.0/8`, `fd00::/8`) or one of TRUST_NAMES. */
function isTrustEntry(value: string): boolean {
  if (TRUST_NAMES.includes(value)) return true;
  if (value.includes('/')) return ipaddr.isValidCIDR(value);
  return ipaddr.isValid(value);
}

export const trustedProxies = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(','))])
  .transform((list) => list.map((entry) => entry.trim()).filter(Boolean))
  .pipe(
    z.array(
      z.string().refine(isTrustEntry, {
        error: (issue) =>
          `"${String(issue.input)}" is not an address or CIDR (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8, loopback)`,
      }),
    ),
  );

export const logLevel = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }));

/** Whether an `ldap://` or `ldaps://` URL has a host and a base DN. */
export function isLdapUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.hostname !== '' && decodeURIComponent(url.pathname.slice(1)).includes('=');
  } catch {
    return false;
  }
}

/** A JWKS must come over HTTPS (plain HTTP only from this machine), or anyone on the path could swap the keys. */
export function isJwksUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    const loopback = ['localhost', '[::1]'].includes(url.hostname) || /^127\./.test(url.hostname);
    return url.protocol === 'http:' && loopback;
  } catch {
    return false;
  }
}

/** Push services are reached over HTTPS only: the key's JWT and the messages are secrets. */
export const pushUrl = z
  .string()
  .trim()
  .refine((value) => /^https:\/\/[^/?#]+$/.test(value.replace(/\/$/, '')), 'must be https://host[:port]')
  .transform((value) => value.replace(/\/$/, ''));

/** Apple's key and team ids are 10 characters; kept loose so a typo is named rather than guessed at. */
export const pushIdentifier = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,64}$/, 'must be letters and digits (the 10-character id Apple shows)');

export const apnsTopics = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$/,
    "must be the app's bundle id (comma-separated for variants)",
  );

export const jwksUrl = z
  .string()
  .trim()
  .refine(isJwksUrl, 'must be an https:// URL (http:// only for localhost)');

/** Kept exactly as given (no trimming): it is a secret. Its strength is checked at start-up. */
/** `redis://` or `rediss://` (TLS), with optional `user:password@` and `/<database>`. */
export const redisUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be redis://host:port or rediss://host:port');

/** A node's name: letters, digits and `.-_:` (it is part of Redis keys and log lines). */
export const nodeId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1 to 64 letters, digits or . - _ :');

/** Person ids, comma-separated (or a JSON array); each must be a valid user id. */
export const personIds = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(','))])
  .transform((list) => [...new Set(list.map((id) => id.trim()).filter(Boolean))])
  .pipe(
    z.array(
      z.string().refine((id) => UserId.safeParse(id).success, {
        error: (issue) =>
          `"${String(issue.input)}" is not a user id (no spaces, commas or control characters)`,
      }),
    ),
  );

export const secretText: Parser = (raw) => {
  if (typeof raw !== 'string') throw new SettingProblem('must be a string');
  return raw;
};

export interface SettingContext {
  /** Relative paths resolve against this (the working directory, or the config file's folder). */
  baseDir: string;
}

export function schema(s: z.ZodType): Parser {
  return (raw) => {
    const result = s.safeParse(raw);
    if (!result.success) throw new SettingProblem(result.error.issues[0]?.message ?? 'is not valid');
    return result.data;
  };
}

export function path(options: { mustExist: 'file' | 'none' }): Parser {
  return (raw, { baseDir }) => {
    if (typeof raw !== 'string' || raw.trim() === '') throw new SettingProblem('must be a path');
    const full = resolve(baseDir, raw.trim());
    if (options.mustExist === 'file' && !(existsSync(full) && statSync(full).isFile())) {
      throw new SettingProblem(`no such file: ${full}`);
    }
    return full;
  };
}

/** A file of push credentials that `load` accepts (push/keys.ts says what each must hold). */
export function keyFile(load: (text: string) => unknown): Parser {
  return (raw, context) => {
    const file = path({ mustExist: 'file' })(raw, context) as string;
    try {
      load(readFileSync(file, 'utf8'));
    } catch (error) {
      if (error instanceof PushKeyError) throw new SettingProblem(`${file} ${error.message}`);
      throw new SettingProblem(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
    return file;
  };
}

export const directory: Parser = (raw, context) => {
  if (typeof raw !== 'string' || raw.trim() === '')
    throw new SettingProblem('must be demo, xmpp, a file or an LDAP URL');
  const value = raw.trim();
  if (value === 'demo' || value === 'xmpp') return value;
  if (/^ldaps?:/i.test(value)) {
    if (!isLdapUrl(value)) {
      throw new SettingProblem(
        'an LDAP URL needs a host and a base DN, e.g. ldap://ldap.example:389/dc=example,dc=com',
      );
    }
    return value;
  }
  return path({ mustExist: 'file' })(value, context);
};
