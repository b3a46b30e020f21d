import { type ContactGroup, type ContactsEvent, LIMITS, type PrivacyList } from '@st/protocol';
import type { FastifyBaseLogger } from 'fastify';
import { AnonymousGuard } from './auth/anonymous.ts';
import type { CredentialSource } from './auth/credentials.ts';
import { LoginAttempts } from './auth/login-attempts.ts';
import { type Login, LoginEnd } from './auth/logins.ts';
import type { ReplayStore } from './auth/replay.ts';
import { tokenDigest } from './auth/tokens.ts';
import { Chat } from './chat/chat.ts';
import { ChatStreamRegistry } from './chat/streams.ts';
import type { ClusterBackends } from './cluster/backends.ts';
import { BroadcastTopic } from './cluster/types.ts';
import type { CommunityServer } from './community/types.ts';
import type { ProxyConfig } from './config.ts';
import type { Directory } from './directory/types.ts';
import { type TrustFunction, trustFunction } from './limits/address.ts';
import type { Rule } from './limits/bucket.ts';
import { Budget } from './limits/budget.ts';
import { openSharedGuards } from './limits/open.ts';
import { RULES } from './limits/rules.ts';
import type { LimitStore } from './limits/store.ts';
import type { ProxyMetrics } from './metrics.ts';
import { OriginPolicy } from './origins.ts';
import { PresenceFanout } from './presence/fanout.ts';
import { PresenceTally } from './presence/tally.ts';
import { preferencesEventBody, privacyEventBody } from './privacy/events.ts';
import { PrivacyLists } from './privacy/privacy-lists.ts';
import { createPushService } from './push/create.ts';
import { IndexedLoginStore } from './push/foreground.ts';
import type { PushService } from './push/service.ts';
import type { RouteDefinition } from './routes/define.ts';
import { ContactBook } from './store/contact-book.ts';
import { PreferenceBook } from './store/preference-book.ts';
import type { Store } from './store/types.ts';

/** Budgets keyed by person, so a fresh login does not reset them. */
export interface PersonBudgets {
  search: Budget;
  contactWrites: Budget;
  /** Privacy lists and preferences together. */
  settingsWrites: Budget;
  statusChanges: Budget;
}

/** Everything the routes and transports of one running proxy share. */
export interface ProxyContext {
  config: ProxyConfig;
  log: FastifyBaseLogger;
  directory: Directory;
  community: CommunityServer;
  /** What this proxy shares with the others of its cluster (nothing, for one proxy alone). */
  cluster: ClusterBackends;
  /** What must survive a restart (contact lists, preferences). */
  store: Store;
  /** Contact lists as people see them (stored, or seeded from the directory). */
  contacts: ContactBook;
  /** Privacy lists, and who may see whom (load() before serving). */
  privacy: PrivacyLists;
  /** Preferences of the Sametime client, per person, with defaults. */
  preferences: PreferenceBook;
  logins: IndexedLoginStore;
  streams: ChatStreamRegistry;
  fanout: PresenceFanout;
  /** Password attempts within their limits (auth/login-attempts.ts). */
  loginAttempts: LoginAttempts;
  /** Where shared limits keep their buckets (limits/open.ts picks it). */
  limitStore: LimitStore;
  /** Used single sign-on `jti`s. */
  replay: ReplayStore;
  /** Per-person budgets of the routes (docs/security.md). */
  budgets: PersonBudgets;
  /** Which peers' `X-Forwarded-*` headers are believed (ST_TRUST_PROXY). */
  trust: TrustFunction;
  /** Budgets of callers without a login (ST_ANONYMOUS_AWARENESS). */
  anonymous: AnonymousGuard;
  metrics: ProxyMetrics;
  origins: OriginPolicy;
  /** Pushes to phones of people with no foreground session, and keeps their devices (push/). */
  push: PushService;
  /** Conversations, messages, announcements and offline delivery (chat/, docs/chat.md). */
  chat: Chat;
  /** Every route, with its schemas and documentation (the OpenAPI document is built from them). */
  routes: RouteDefinition[];
  state: { draining: boolean };
  /**
   * Drains this proxy because the admin API asked (the System Console); server.ts sets it from
   * `StartOptions.onDrainRequested`. Until then a request does nothing.
   */
  requestDrain: () => void;
  /** Served over HTTPS, so cookies are `Secure`. */
  secure: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The login the request's credentials stand for; null for anonymous or unauthenticated routes. */
    login: Login | null;
    /** Where the login's token came from (only the cookie's login renews the cookie). */
    credentialSource: CredentialSource | null;
  }
}

/** Wires the presence tally, fan-out, logins and streams of one proxy around its backends. */
export function createContext(parts: {
  config: ProxyConfig;
  log: FastifyBaseLogger;
  directory: Directory;
  community: CommunityServer;
  cluster: ClusterBackends;
  store: Store;
  metrics: ProxyMetrics;
}): ProxyContext {
  const { config, log, community, metrics, cluster } = parts;
  const { bus, reach } = cluster;
  // Limits and used SSO jtis: in Redis for a cluster, so every proxy counts alike.
  const shared = cluster.guards ?? openSharedGuards(config);
  const budget = (rule: Rule) => new Budget(shared.limits, rule);
  const tally = new PresenceTally(community, (error, userId) =>
    log.warn({ err: error, userId }, 'the community server refused a presence update'),
  );
  const privacy = new PrivacyLists(parts.store, {
    foldCase: parts.directory.caseInsensitiveIds ?? false,
    onChanged: (userId, change) => {
      fanout.reevaluate(userId, change.before, change.after);
      streams.emitToPerson(userId, 'privacy', privacyEventBody(change.list));
      // Every proxy enforces the new list at once, not after a restart.
      bus.broadcast(BroadcastTopic.Privacy, JSON.stringify({ userId, list: change.list }));
    },
  });
  bus.onBroadcast(BroadcastTopic.Privacy, (payload) => {
    const { userId, list } = JSON.parse(payload) as { userId: string; list: PrivacyList };
    privacy.applyRemote(userId, list, (change) => fanout.reevaluate(userId, change.before, change.after));
  });
  const fanout = new PresenceFanout(
    community,
    {
      hot: metrics.hot,
      observeBatch: (streams) => metrics.fanoutBatch.observe(streams),
    },
    privacy,
  );
  const graceMs = config.graceSeconds * 1000;
  // Indexed by person, so the push sender can tell whether anyone of theirs is in the foreground.
  const logins = new IndexedLoginStore({
    tally,
    ttlMs: config.sessionTtlSeconds * 1000,
    graceMs,
    sessions: cluster.sessions,
    onActivity: cluster.shared ? (userId) => reach.changed(userId) : undefined,
  });
  // A logout here ends the login's streams on every proxy.
  logins.subscribe((login, why, origin) => {
    if (origin === 'here' && why === LoginEnd.Logout)
      bus.broadcast(BroadcastTopic.Logins, `${why} ${tokenDigest(login.token)}`);
  });
  // A Redis that lost its data gets the logins back from the proxies holding them.
  cluster.onResync(() => logins.saveAll());
  bus.onBroadcast(BroadcastTopic.Logins, (payload) => {
    const [why, digest] = payload.split(' ') as [LoginEnd, string];
    logins.endedElsewhere(digest, why);
  });
  // Knows who has a live stream, and hands each new stream what waited offline (chat/).
  const streams = new ChatStreamRegistry({
    logins,
    tally,
    fanout,
    graceMs,
    heartbeatMs: config.heartbeatMs,
    onError: (error) => log.warn({ err: error }, 'stream presence failed'),
    bus,
    reach,
  });
  const preferences = new PreferenceBook(parts.store, (userId, preferences) =>
    streams.emitToPerson(userId, 'preferences', preferencesEventBody(preferences)),
  );
  const push = createPushService({
    config,
    log,
    registry: metrics.registry,
    logins,
    preferences,
    reach,
    badges: cluster.badges,
    devices: parts.store.devices,
  });
  const chat = new Chat(
    {
      store: parts.store.chat,
      streams,
      directory: parts.directory,
      push: () => push,
      log,
      maySee: (ownerId, viewerId) => privacy.maySee(ownerId, viewerId),
      limits: shared.limits,
    },
    {
      groupCommit: config.chatGroupCommit,
      messageBudget: { burst: config.chatMessageBurst, perSecond: config.chatMessagesPerSecond },
    },
  );
  return {
    ...parts,
    logins,
    streams,
    fanout,
    push,
    chat,
    contacts: new ContactBook(parts.store, parts.directory, (userId, groups) =>
      streams.emitToPerson(userId, 'contacts', contactsEventBody(groups)),
    ),
    privacy,
    preferences,
    loginAttempts: new LoginAttempts(shared.limits, parts.directory.caseInsensitiveIds ?? false),
    limitStore: shared.limits,
    replay: shared.replay,
    budgets: {
      search: budget(RULES.search),
      contactWrites: budget(RULES.contactWrites),
      settingsWrites: budget(RULES.settingsWrites),
      statusChanges: budget(
        config.statusChangesPerMinute === LIMITS.statusChangesPerMinute
          ? RULES.statusChanges
          : {
              ...RULES.statusChanges,
              burst: config.statusChangesPerMinute,
              perSecond: config.statusChangesPerMinute / 60,
            },
      ),
    },
    trust: trustFunction(config.trustProxy),
    anonymous: new AnonymousGuard(
      {
        requestsPerMinute: config.anonymousRequestsPerMinute,
        streamsPerAddress: config.anonymousStreamsPerAddress,
      },
      shared.limits,
    ),
    origins: new OriginPolicy(config.allowedOrigins),
    routes: [],
    state: { draining: false },
    requestDrain: () => {},
    secure: Boolean(config.tlsCert && config.tlsKey),
  };
}

/** A `contacts` event without its `seq` (see ring-buffer.ts): built once, shared by every stream. */
function contactsEventBody(groups: ContactGroup[]): string {
  const event: Omit<ContactsEvent, 'seq'> = { type: 'contacts', groups };
  return JSON.stringify(event).slice(1, -1);
}
