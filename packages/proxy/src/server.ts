import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocketServer } from 'ws';
import { createApp, registerHttp } from './app.ts';
import { openBackends } from './cluster/backends.ts';
import { EmbeddedCommunity } from './community/embedded.ts';
import type { CommunityServer } from './community/types.ts';
import {
  isXmppCommunity,
  openXmppCommunity,
  openXmppDirectory,
  signingInThrough,
  wireXmpp,
} from './community/xmpp/open.ts';
import { ConfigError, type ProxyConfig } from './config.ts';
import { createContext, type ProxyContext } from './context.ts';
import { DirectoryFileError } from './directory/file-format.ts';
import { type DirectoryServices, openDirectory } from './directory/open.ts';
import type { Directory } from './directory/types.ts';
import { InFlight } from './drain/in-flight.ts';
import { spreadOver } from './drain/spread.ts';
import { ProxyMetrics } from './metrics.ts';
import { openStore } from './store/open.ts';
import type { Store } from './store/types.ts';
import { attachWebSocket } from './stream/websocket.ts';

export interface RunningProxy {
  /** Where the proxy answers, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  /** Drains, then stops everything and frees the port. */
  close(): Promise<void>;
  /**
   * Readiness turns false, new logins and streams are refused (`ST_ERR_DRAINING`, so a balancer
   * sends them to another proxy), the event streams are told to reconnect (1001) spread over
   * `drainSeconds`, and the requests in flight are answered; the rest of the API keeps answering.
   */
  drain(): Promise<void>;
}

/** Backends to use instead of the ones the configuration names (tests plug in their own). */
export interface StartOptions {
  community?: CommunityServer;
  directory?: Directory;
  /**
   * A store the caller opened (and closes); by default the proxy opens its own (store/open.ts):
   * PostgreSQL when `databaseUrl` is set, else `<dataDir>/st.db`.
   */
  store?: Store;
  /**
   * Called when the admin API asks this proxy to drain (the System Console, directly or through
   * another node of the cluster). Default: `drain()`. `npm start` (main.ts) drains, closes and exits 0.
   */
  onDrainRequested?: () => void;
}

/** Sockets given this long to finish their closing handshake before they are cut. */
const CLOSE_GRACE_MS = 2000;
/** How long a drain waits for the requests in flight (a store write, a directory search). */
const IN_FLIGHT_WAIT_MS = 15_000;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function loadDirectory(config: ProxyConfig, services: DirectoryServices): Directory {
  try {
    return openDirectory(config, services);
  } catch (error) {
    if (error instanceof DirectoryFileError) throw new ConfigError(`ST_DIRECTORY: ${error.message}`);
    throw error;
  }
}

export async function startProxy(config: ProxyConfig, options: StartOptions = {}): Promise<RunningProxy> {
  let context: ProxyContext | undefined;
  const metrics = new ProxyMetrics({
    connected: () => context?.streams.connectedByTransport() ?? { websocket: 0, sse: 0, poll: 0 },
    logins: () => context?.logins.size ?? 0,
    watchedPeople: () => context?.fanout.watchedPeople ?? 0,
  });
  const app = createApp(config, metrics.observeError);
  const log = app.log;
  // The directory reports to the log and metrics; an LDAP one connects on first use, not here.
  const ownsDirectory = !options.directory;
  const ownDirectory =
    options.directory ??
    (config.directory === 'xmpp' ? undefined : loadDirectory(config, { log, registry: metrics.registry }));
  await mkdir(config.dataDir, { recursive: true });
  const ownsStore = !options.store;
  const store = options.store ?? (await openStore(config));
  // Shared with the other proxies of a cluster when ST_REDIS_URL is set (cluster/backends.ts).
  const cluster = await openBackends(config, log, store).catch(async (error: unknown) => {
    if (ownsStore) await store.close();
    throw error;
  });
  const ownsCommunity = !options.community;
  // A real XMPP server as the community (ST_COMMUNITY=xmpp://...; community/xmpp/open.ts).
  const xmpp =
    ownsCommunity && isXmppCommunity(config)
      ? openXmppCommunity(config, cluster.nodeId, log, store)
      : undefined;
  const community =
    options.community ?? xmpp ?? cluster.community ?? new EmbeddedCommunity({ statuses: store });
  const directory = xmpp
    ? signingInThrough(ownDirectory ?? openXmppDirectory(config, xmpp), xmpp)
    : ownDirectory!;

  await community.start();
  const ctx = createContext({ config, log, directory, community, cluster, store, metrics });
  context = ctx;
  const unwireXmpp = xmpp ? wireXmpp(ctx, xmpp) : () => {};
  await cluster.start((userId) => ({
    live: ctx.streams.isLiveHere(userId),
    foregroundUntil: ctx.logins.foregroundUntil(userId),
  }));
  const wss = attachWebSocket(app.server as Server, ctx, (header) => app.parseCookie(header));
  const inFlight = new InFlight(app);
  try {
    // Privacy is enforced from the first request, so every stored list is in memory before then.
    await ctx.privacy.load();
    await registerHttp(app, ctx);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    // A port in use or a bad certificate: release what started so the caller can retry or exit.
    unwireXmpp();
    ctx.streams.stop();
    ctx.logins.stop();
    ctx.fanout.stop();
    wss.close();
    await app.close().catch(() => {});
    await ctx.push.close();
    if (ownsCommunity) await community.stop();
    await cluster.close();
    if (ownsStore) await store.close();
    if (ownsDirectory) await directory.close?.();
    throw error;
  }
  const port = (app.server.address() as AddressInfo).port;
  const url = `${ctx.secure ? 'https' : 'http'}://${urlHost(config.host)}:${port}`;
  if (config.directory === 'demo' && !isLoopback(config.host)) {
    log.warn(
      { host: config.host },
      'the demo directory (alice, bob, carol, dave… all with password "demo") is served on a non-loopback address: anyone who reaches it can log in',
    );
  }

  let draining: Promise<void> | undefined;
  const drainOver = (seconds: number) =>
    (draining ??= (async () => {
      ctx.state.draining = true;
      const streams = ctx.streams.connected();
      log.info({ streams: streams.length, seconds }, 'draining: not ready; streams told to reconnect');
      await spreadOver(streams, seconds * 1000, (stream) => ctx.streams.sendAway(stream));
      ctx.streams.drain();
      if (!(await inFlight.settled(IN_FLIGHT_WAIT_MS))) {
        log.warn({ requests: inFlight.size }, 'draining: requests still in flight are cut');
      }
      log.info('drained');
    })());

  // Drains asked for through the admin API (admin/service.ts).
  ctx.requestDrain = options.onDrainRequested ?? (() => void drainOver(config.drainSeconds));

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // A close without a drain first (tests, a failed start) does not wait out the window.
      await drainOver(0);
      unwireXmpp();
      ctx.streams.stop();
      ctx.logins.stop();
      ctx.fanout.stop();
      await closeSockets(wss);
      await app.close();
      await ctx.push.close();
      if (ownsCommunity) await community.stop();
      await cluster.close();
      if (ownsStore) await store.close();
      if (ownsDirectory) await directory.close?.();
    })());

  return { url, port, close, drain: () => drainOver(config.drainSeconds) };
}

/** Lets WebSockets finish their closing handshake for a moment, then cuts the rest. */
async function closeSockets(wss: WebSocketServer): Promise<void> {
  if (wss.clients.size > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CLOSE_GRACE_MS);
      const check = () => {
        if (wss.clients.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      for (const socket of wss.clients) socket.once('close', () => setImmediate(check));
    });
  }
  for (const socket of wss.clients) socket.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}
