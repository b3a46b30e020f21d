/**
 * The proxy's settings, from `ST_*` environment variables or a JSON file named by `ST_CONFIG`
 * (camelCase keys, e.g. `{"port": 8443, "allowedOrigins": ["https://intranet.example"]}`); the
 * environment wins. A wrong value throws a ConfigError whose message is one line naming the
 * setting and what is wrong. docs/configuration.md describes every setting.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '@st/protocol';
import { z } from 'zod';
import {
  communitySetting,
  XmppTls,
  xmppDomainSetting,
  xmppSettingsProblem,
  xmppTlsSetting,
} from './community/xmpp/settings.ts';
import {
  apnsTopics,
  directory,
  flag,
  host,
  jwksUrl,
  keyFile,
  type LogLevel,
  logLevel,
  nodeId,
  numberIn,
  origins,
  type Parser,
  path,
  personIds,
  pushIdentifier,
  pushUrl,
  redisUrl,
  SettingProblem,
  schema,
  secretText,
  trustedProxies,
} from './config-parsers.ts';
import {
  DEFAULT_LDAP_ATTRIBUTES,
  DEFAULT_LDAP_FILTER,
  type LdapAttributeMap,
  LdapAttributesSetting,
  LdapFilterSetting,
  ldapSettingsProblem,
} from './directory/ldap/settings.ts';
import { loadApnsKey, loadServiceAccount } from './push/keys.ts';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export { LOG_LEVELS, type LogLevel } from './config-parsers.ts';

export interface ProxyConfig {
  port: number;
  host: string;
  /** Where what must survive a restart is kept. */
  dataDir: string;
  /** `postgres://...`: the durable store in PostgreSQL instead of `<dataDir>/st.db` (docs/store.md). */
  databaseUrl?: string | undefined;
  /** `demo`, the absolute path of a directory JSON file, or an `ldap://` / `ldaps://` URL. */
  directory: string;
  /** Other origins whose pages may call the API and open event streams. */
  allowedOrigins: string[];
  /** Load balancers (addresses, CIDRs) whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustProxy: string[];
  anonymousAwareness: boolean;
  /** Budgets of callers without a login, per address (one NAT may hide a whole office). */
  anonymousRequestsPerMinute: number;
  anonymousStreamsPerAddress: number;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  graceSeconds: number;
  sessionTtlSeconds: number;
  heartbeatMs: number;
  /**
   * Draining (SIGTERM): the window over which the event streams are told to reconnect elsewhere,
   * so they do not all arrive at the other proxies in the same second.
   */
  drainSeconds: number;
  logLevel: LogLevel;
  /** The built hosted client (`apps/web/dist`). */
  webDir: string;
  /** The built elements bundle (`packages/components/dist/browser`), served under `/st/`. */
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
  /** Refuse assertions without a `jti` (the default; one with a `jti` is always accepted only once). */
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
  /** Status changes one person may make per minute, and at once (a benchmark raises it). */
  statusChangesPerMinute: number;
  /** Redis shared by every proxy of a cluster (docs/cluster.md); none: everything in this process. */
  redisUrl?: string | undefined;
  /** This proxy's name in a cluster (default: host name and port). */
  nodeId?: string | undefined;
  /** `embedded`, or `xmpp://host:port`: a real XMPP server is the community (docs/xmpp.md). */
  community: string;
  /** The XMPP domain: people are `<id>@<domain>`. */
  xmppDomain?: string | undefined;
  xmppTls: XmppTls;
  /**
   * People who may use the System Console and the admin API (`/api/v1/admin/...`), matched the way
   * the directory matches ids (whatever their case for LDAP). None by default.
   */
  admins: string[];
}

const repoPath = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

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

/** A postgres:// URL. A wrong one is not repeated in the error: it may hold a password. */
const databaseUrl: Parser = (raw) => {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (/^postgres(ql)?:\/\/\S+$/.test(text) && URL.canParse(text)) return text;
  throw new ConfigError('ST_DATABASE_URL: must be a postgres://user:password@host:port/database URL');
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
  databaseUrl: { env: 'ST_DATABASE_URL', parse: databaseUrl },
  directory: { env: 'ST_DIRECTORY', parse: directory, default: () => 'demo' },
  allowedOrigins: { env: 'ST_ALLOWED_ORIGINS', parse: schema(origins), default: () => [] },
  trustProxy: { env: 'ST_TRUST_PROXY', parse: schema(trustedProxies), default: () => [] },
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
  drainSeconds: { env: 'ST_DRAIN_SECONDS', parse: numberIn(0, 3600, false), default: () => 10 },
  logLevel: { env: 'ST_LOG_LEVEL', parse: schema(logLevel), default: () => 'info' },
  webDir: { env: 'ST_WEB_DIR', parse: path({ mustExist: 'none' }), default: () => repoPath('apps/web/dist') },
  componentsDir: {
    env: 'ST_COMPONENTS_DIR',
    parse: path({ mustExist: 'none' }),
    default: () => repoPath('packages/components/dist/browser'),
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
  ssoRequireJti: { env: 'ST_SSO_REQUIRE_JTI', parse: flag, default: () => true },
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
  statusChangesPerMinute: {
    env: 'ST_STATUS_CHANGES_PER_MINUTE',
    parse: numberIn(1, 1_000_000, true),
    default: () => LIMITS.statusChangesPerMinute,
  },
  redisUrl: { env: 'ST_REDIS_URL', parse: schema(redisUrl) },
  nodeId: { env: 'ST_NODE_ID', parse: schema(nodeId) },
  community: { env: 'ST_COMMUNITY', parse: schema(communitySetting), default: () => 'embedded' },
  xmppDomain: { env: 'ST_XMPP_DOMAIN', parse: schema(xmppDomainSetting) },
  xmppTls: { env: 'ST_XMPP_TLS', parse: schema(xmppTlsSetting), default: () => XmppTls.StartTls },
  admins: { env: 'ST_ADMINS', parse: schema(personIds), default: () => [] },
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
  // A corporate JWKS signs tokens for many applications: without an audience, an ID token minted
  // for any of them would log people in here.
  if (config.ssoJwksUrl && !config.ssoAudience) {
    throw new ConfigError(
      'ST_SSO_AUDIENCE: required with ST_SSO_JWKS_URL (the value this proxy expects in assertions\' "aud")',
    );
  }
  const ldapProblem = ldapSettingsProblem(config as unknown as ProxyConfig);
  if (ldapProblem) throw new ConfigError(ldapProblem);
  const xmppProblem = xmppSettingsProblem(config as unknown as ProxyConfig);
  if (xmppProblem) throw new ConfigError(xmppProblem);
  return config as unknown as ProxyConfig;
}
