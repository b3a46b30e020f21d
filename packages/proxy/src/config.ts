/**
 * The proxy's settings, from `ST_*` environment variables or a JSON file named by `ST_CONFIG`
 * (camelCase keys, e.g. `{"port": 8443, "allowedOrigins": ["https://intranet.example"]}`); the
 * environment wins. A wrong value throws a ConfigError whose message is one line naming the
 * setting and what is wrong. docs/configuration.md describes every setting.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '@st/protocol';
import { z } from 'zod';
import {
  DEFAULT_LDAP_ATTRIBUTES,
  DEFAULT_LDAP_FILTER,
  type LdapAttributeMap,
  LdapAttributesSetting,
  LdapFilterSetting,
  ldapSettingsProblem,
} from './directory/ldap/settings.ts';
import { loadApnsKey, loadServiceAccount, PushKeyError } from './push/keys.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ProxyConfig {
  port: number;
  host: string;
  /** Where what must survive a restart is kept. */
  dataDir: string;
  /** `demo`, the absolute path of a directory JSON file, or an `ldap://` / `ldaps://` URL. */
  directory: string;
  /** Other origins whose pages may call the API and open event streams. */
  allowedOrigins: string[];
  anonymousAwareness: boolean;
  /** Budgets of callers without a login, per address (one NAT may hide a whole office). */
  anonymousRequestsPerMinute: number;
  anonymousStreamsPerAddress: number;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  graceSeconds: number;
  sessionTtlSeconds: number;
  heartbeatMs: number;
  logLevel: LogLevel;
  /** The built hosted client (`apps/web/dist`). */
  webDir: string;
  /** The built elements bundle (`packages/components/dist`), served under `/st/`. */
  componentsDir: string;
  /** The built Links Toolkit script (`packages/links/dist`), served as `/st/stlinks.js`. */
  linksDir: string;
  /** Single sign-on: the HS256 secret, and/or a JWKS URL for RS256/ES256 (docs/sso.md). */
  ssoSecret?: string | undefined;
  ssoJwksUrl?: string | undefined;
  ssoAudience?: string | undefined;
  ssoIssuer?: string | undefined;
  /** Assertions issued longer ago than this are refused, whatever their `exp`. */
  ssoMaxAgeSeconds: number;
  /** How far the integrator's clock may differ from the proxy's. */
  ssoClockSkewSeconds: number;
  /** Refuse assertions without a `jti` (one with a `jti` is always accepted only once). */
  ssoRequireJti: boolean;
  /** Shortest time between two JWKS fetches caused by an assertion naming an unknown key. */
  ssoJwksCooldownSeconds: number;
  /** LDAP (docs/ldap.md): the service account that searches; people bind as themselves. */
  ldapBindDn?: string | undefined;
  ldapBindPassword?: string | undefined;
  /** Which attribute fills which card field (defaults: inetOrgPerson). */
  ldapAttributes: LdapAttributeMap;
  /** Every LDAP search is narrowed by this filter. */
  ldapFilter: string;
  ldapStartTls: boolean;
  ldapCaFile?: string | undefined;
  ldapTimeoutMs: number;
  ldapConnectTimeoutMs: number;
  /** How long directory answers are cached. */
  ldapCacheSeconds: number;
  /** Push through APNs with token auth (docs/mobile.md): the `.p8` key, its id, the team, the app's topic. */
  apnsKeyFile?: string | undefined;
  apnsKeyId?: string | undefined;
  apnsTeamId?: string | undefined;
  /** The app's bundle id; a comma-separated list allows variants (the first is the default). */
  apnsTopic?: string | undefined;
  /** Apple's production host by default; the sandbox for development builds, or a test's own server. */
  apnsUrl: string;
  /** Push through FCM HTTP v1: the service-account JSON file. */
  fcmCredentials?: string | undefined;
  /** FCM's endpoint (`https://fcm.googleapis.com`), overridden by tests. */
  fcmUrl: string;
  /** Extra CA certificates (PEM) trusted for the push services (a TLS-inspecting proxy, a test's server). */
  pushCaFile?: string | undefined;
  /** Chat messages arriving in the same turn of the event loop share one transaction (docs/chat.md). */
  chatGroupCommit: boolean;
  /** Chat messages one person may send: a burst, then this many per second on average (then 429). */
  chatMessageBurst: number;
  chatMessagesPerSecond: number;
}

const repoPath = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

type Parser = (raw: unknown, context: SettingContext) => unknown;

class SettingProblem extends Error {}

function numberIn(min: number, max: number, whole: boolean): Parser {
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

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];
const flag: Parser = (raw) => {
  if (typeof raw === 'boolean') return raw;
  const word = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  throw new SettingProblem('must be true or false');
};

const host = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .regex(/^[A-Za-z0-9.:%[\]-]+$/, 'must be a host name or IP address');

/**
 * The origins of the mobile app's web view on iOS (Capacitor's, and Ionic's older one): not URLs a
 * browser would call origins, but what the app's requests and WebSockets send as `Origin`.
 */
const APP_ORIGINS = new Set(['capacitor://localhost', 'ionic://localhost']);

function isOrigin(value: string): boolean {
  if (APP_ORIGINS.has(value)) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

const origins = z
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

const logLevel = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }));

/** Whether an `ldap://` or `ldaps://` URL has a host and a base DN. */
function isLdapUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.hostname !== '' && decodeURIComponent(url.pathname.slice(1)).includes('=');
  } catch {
    return false;
  }
}

/** A JWKS must come over HTTPS (plain HTTP only from this machine), or anyone on the path could swap the keys. */
function isJwksUrl(value: string): boolean {
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
const pushUrl = z
  .string()
  .trim()
  .refine((value) => /^https:\/\/[^/?#]+$/.test(value.replace(/\/$/, '')), 'must be https://host[:port]')
  .transform((value) => value.replace(/\/$/, ''));

/** Apple's key and team ids are 10 characters; kept loose so a typo is named rather than guessed at. */
const pushIdentifier = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,64}$/, 'must be letters and digits (the 10-character id Apple shows)');

const apnsTopics = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$/,
    "must be the app's bundle id (comma-separated for variants)",
  );

const APNS_SETTINGS = [
  ['apnsKeyFile', 'ST_APNS_KEY_FILE'],
  ['apnsKeyId', 'ST_APNS_KEY_ID'],
  ['apnsTeamId', 'ST_APNS_TEAM_ID'],
  ['apnsTopic', 'ST_APNS_TOPIC'],
] as const;

/** APNs token auth needs all four settings or none; answers the one-line problem, or undefined. */
function apnsSettingsProblem(config: ProxyConfig): string | undefined {
  const missing = APNS_SETTINGS.filter(([key]) => !config[key]).map(([, env]) => env);
  if (missing.length === 0 || missing.length === APNS_SETTINGS.length) return undefined;
  return `${missing.join(', ')}: set ${APNS_SETTINGS.map(([, env]) => env).join(', ')} together to push through APNs`;
}

const jwksUrl = z.string().trim().refine(isJwksUrl, 'must be an https:// URL (http:// only for localhost)');

/** Kept exactly as given (no trimming): it is a secret. Its strength is checked at start-up. */
const secretText: Parser = (raw) => {
  if (typeof raw !== 'string') throw new SettingProblem('must be a string');
  return raw;
};

interface SettingContext {
  /** Relative paths resolve against this (the working directory, or the config file's folder). */
  baseDir: string;
}

function schema(s: z.ZodType): Parser {
  return (raw) => {
    const result = s.safeParse(raw);
    if (!result.success) throw new SettingProblem(result.error.issues[0]?.message ?? 'is not valid');
    return result.data;
  };
}

function path(options: { mustExist: 'file' | 'none' }): Parser {
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
function keyFile(load: (text: string) => unknown): Parser {
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

const directory: Parser = (raw, context) => {
  if (typeof raw !== 'string' || raw.trim() === '')
    throw new SettingProblem('must be demo, a file or an LDAP URL');
  const value = raw.trim();
  if (value === 'demo') return value;
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

interface Setting {
  env: string;
  parse: Parser;
  default?: () => unknown;
}

const SETTINGS: Record<keyof ProxyConfig, Setting> = {
  port: { env: 'ST_PORT', parse: numberIn(0, 65535, true), default: () => 8080 },
  host: { env: 'ST_HOST', parse: schema(host), default: () => '127.0.0.1' },
  dataDir: { env: 'ST_DATA_DIR', parse: path({ mustExist: 'none' }), default: () => resolve('data') },
  directory: { env: 'ST_DIRECTORY', parse: directory, default: () => 'demo' },
  allowedOrigins: { env: 'ST_ALLOWED_ORIGINS', parse: schema(origins), default: () => [] },
  anonymousAwareness: { env: 'ST_ANONYMOUS_AWARENESS', parse: flag, default: () => false },
  anonymousRequestsPerMinute: {
    env: 'ST_ANONYMOUS_REQUESTS_PER_MINUTE',
    parse: numberIn(1, 1_000_000, true),
    default: () => LIMITS.anonymousRequestsPerMinute,
  },
  anonymousStreamsPerAddress: {
    env: 'ST_ANONYMOUS_STREAMS_PER_ADDRESS',
    parse: numberIn(1, 1_000_000, true),
    default: () => LIMITS.anonymousStreamsPerAddress,
  },
  tlsCert: { env: 'ST_TLS_CERT', parse: path({ mustExist: 'file' }) },
  tlsKey: { env: 'ST_TLS_KEY', parse: path({ mustExist: 'file' }) },
  graceSeconds: { env: 'ST_GRACE_SECONDS', parse: numberIn(0, 86_400, false), default: () => 90 },
  sessionTtlSeconds: {
    env: 'ST_SESSION_TTL_SECONDS',
    parse: numberIn(1, 365 * 86_400, true),
    default: () => 43_200,
  },
  heartbeatMs: { env: 'ST_HEARTBEAT_MS', parse: numberIn(50, 600_000, true), default: () => 25_000 },
  logLevel: { env: 'ST_LOG_LEVEL', parse: schema(logLevel), default: () => 'info' },
  webDir: { env: 'ST_WEB_DIR', parse: path({ mustExist: 'none' }), default: () => repoPath('apps/web/dist') },
  componentsDir: {
    env: 'ST_COMPONENTS_DIR',
    parse: path({ mustExist: 'none' }),
    default: () => repoPath('packages/components/dist'),
  },
  linksDir: {
    env: 'ST_LINKS_DIR',
    parse: path({ mustExist: 'none' }),
    default: () => repoPath('packages/links/dist'),
  },
  ssoSecret: { env: 'ST_SSO_SECRET', parse: secretText },
  ssoJwksUrl: { env: 'ST_SSO_JWKS_URL', parse: schema(jwksUrl) },
  ssoAudience: { env: 'ST_SSO_AUDIENCE', parse: schema(z.string().trim().min(1, 'must not be empty')) },
  ssoIssuer: { env: 'ST_SSO_ISSUER', parse: schema(z.string().trim().min(1, 'must not be empty')) },
  ssoMaxAgeSeconds: { env: 'ST_SSO_MAX_AGE_SECONDS', parse: numberIn(1, 86_400, true), default: () => 300 },
  ssoClockSkewSeconds: { env: 'ST_SSO_CLOCK_SKEW_SECONDS', parse: numberIn(0, 300, true), default: () => 30 },
  ssoRequireJti: { env: 'ST_SSO_REQUIRE_JTI', parse: flag, default: () => false },
  ssoJwksCooldownSeconds: {
    env: 'ST_SSO_JWKS_COOLDOWN_SECONDS',
    parse: numberIn(0, 3600, true),
    default: () => 30,
  },
  ldapBindDn: { env: 'ST_LDAP_BIND_DN', parse: schema(z.string().trim().min(1, 'must not be empty')) },
  ldapBindPassword: { env: 'ST_LDAP_BIND_PASSWORD', parse: secretText },
  ldapAttributes: {
    env: 'ST_LDAP_ATTRIBUTES',
    parse: schema(LdapAttributesSetting),
    default: () => ({ ...DEFAULT_LDAP_ATTRIBUTES }),
  },
  ldapFilter: { env: 'ST_LDAP_FILTER', parse: schema(LdapFilterSetting), default: () => DEFAULT_LDAP_FILTER },
  ldapStartTls: { env: 'ST_LDAP_STARTTLS', parse: flag, default: () => false },
  ldapCaFile: { env: 'ST_LDAP_CA_FILE', parse: path({ mustExist: 'file' }) },
  ldapTimeoutMs: { env: 'ST_LDAP_TIMEOUT_MS', parse: numberIn(100, 120_000, true), default: () => 5000 },
  ldapConnectTimeoutMs: {
    env: 'ST_LDAP_CONNECT_TIMEOUT_MS',
    parse: numberIn(100, 120_000, true),
    default: () => 3000,
  },
  ldapCacheSeconds: { env: 'ST_LDAP_CACHE_SECONDS', parse: numberIn(0, 86_400, true), default: () => 300 },
  apnsKeyFile: { env: 'ST_APNS_KEY_FILE', parse: keyFile(loadApnsKey) },
  apnsKeyId: { env: 'ST_APNS_KEY_ID', parse: schema(pushIdentifier) },
  apnsTeamId: { env: 'ST_APNS_TEAM_ID', parse: schema(pushIdentifier) },
  apnsTopic: { env: 'ST_APNS_TOPIC', parse: schema(apnsTopics) },
  apnsUrl: { env: 'ST_APNS_URL', parse: schema(pushUrl), default: () => 'https://api.push.apple.com' },
  fcmCredentials: { env: 'ST_FCM_CREDENTIALS', parse: keyFile(loadServiceAccount) },
  fcmUrl: { env: 'ST_FCM_URL', parse: schema(pushUrl), default: () => 'https://fcm.googleapis.com' },
  pushCaFile: { env: 'ST_PUSH_CA_FILE', parse: path({ mustExist: 'file' }) },
  chatGroupCommit: { env: 'ST_CHAT_GROUP_COMMIT', parse: flag, default: () => true },
  chatMessageBurst: {
    env: 'ST_CHAT_MESSAGE_BURST',
    parse: numberIn(1, 1_000_000, true),
    default: () => LIMITS.messageBurst,
  },
  chatMessagesPerSecond: {
    env: 'ST_CHAT_MESSAGES_PER_SECOND',
    parse: numberIn(0.01, 1_000_000, false),
    default: () => LIMITS.messagesPerSecond,
  },
};

/** Keys a config file may hold for features that read them elsewhere (LDAP, SSO, push). */
const OTHER_FILE_KEYS = new Set(['$schema', '$comment']);

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `ST_CONFIG: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`ST_CONFIG: ${file} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`ST_CONFIG: ${file} must hold a JSON object of settings`);
  }
  for (const key of Object.keys(data)) {
    if (!Object.hasOwn(SETTINGS, key) && !OTHER_FILE_KEYS.has(key)) {
      throw new ConfigError(`ST_CONFIG: ${file} has an unknown setting "${key}"`);
    }
  }
  return data as Record<string, unknown>;
}

/**
 * The configuration from `env` (normally `process.env`). Unknown `ST_*` variables are ignored:
 * other features (push) read their own.
 */
export function loadConfig(env: Record<string, string | undefined>): ProxyConfig {
  const configFile = env.ST_CONFIG?.trim() ? resolve(env.ST_CONFIG.trim()) : undefined;
  const fromFile = configFile ? readConfigFile(configFile) : {};
  const config: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(SETTINGS)) {
    const envValue = env[setting.env];
    const useEnv = envValue !== undefined && envValue.trim() !== '';
    const raw = useEnv ? envValue : fromFile[key];
    if (raw === undefined || raw === null) {
      config[key] = setting.default?.();
      continue;
    }
    const context = { baseDir: useEnv || !configFile ? process.cwd() : dirname(configFile) };
    try {
      config[key] = setting.parse(raw, context);
    } catch (error) {
      if (!(error instanceof SettingProblem)) throw error;
      const where = useEnv ? setting.env : `${setting.env} ("${key}" in ${configFile})`;
      throw new ConfigError(`${where}: ${error.message} (got ${describe(raw)})`);
    }
  }
  if (Boolean(config.tlsCert) !== Boolean(config.tlsKey)) {
    throw new ConfigError('ST_TLS_CERT and ST_TLS_KEY: set both to serve HTTPS, or neither');
  }
  const apnsProblem = apnsSettingsProblem(config as unknown as ProxyConfig);
  if (apnsProblem) throw new ConfigError(apnsProblem);
  const ldapProblem = ldapSettingsProblem(config as unknown as ProxyConfig);
  if (ldapProblem) throw new ConfigError(ldapProblem);
  return config as unknown as ProxyConfig;
}
