/**
 * The HAProxy configuration of a cluster (HAProxy 2.6, Debian's package), for N proxies: the
 * shipped `deploy/haproxy/st-proxy.haproxy.cfg` is this for three, and `npm run cluster`, the
 * tests and the benchmarks render it for theirs. docs/cluster.md explains each part.
 */

export interface HaproxyNode {
  /** The proxy's `ST_NODE_ID`: HAProxy's server name and the affinity cookie's value. */
  name: string;
  /** `host:port` where the proxy listens. */
  address: string;
}

export interface HaproxyOptions {
  /** What the balancer listens on, e.g. `*:8080` or `127.0.0.1:8080`. */
  bind: string;
  nodes: readonly HaproxyNode[];
  /** The runtime API's socket (drain a node with `set server st_proxies/<name> state drain`). */
  adminSocket: string;
  /**
   * How long a login stays on its proxy without a request (the cookie's `maxidle`, the token
   * table's `expire`). Default 1800 (30 min).
   */
  stickySeconds?: number;
  /** How long a browser stays on its proxy at most, used or not (`maxlife`). Default 28800 (8 h). */
  stickyMaxSeconds?: number;
  /** Health checks: every this many milliseconds (default 2000), a quarter of it while a state changes. */
  checkIntervalMs?: number;
  /** `global` lines of the installation (log, user, chroot, maxconn); none by default. */
  globalLines?: readonly string[];
}

const NAME = /^[A-Za-z0-9._:-]{1,64}$/;

export function haproxyConfig(options: HaproxyOptions): string {
  const sticky = options.stickySeconds ?? 1800;
  const maxLife = options.stickyMaxSeconds ?? 28_800;
  const inter = options.checkIntervalMs ?? 2000;
  if (options.nodes.length === 0) throw new Error('a cluster needs at least one node');
  for (const node of options.nodes) {
    if (!NAME.test(node.name)) throw new Error(`node name "${node.name}": 1-64 letters, digits or . - _ :`);
  }
  const servers = options.nodes.map((node) => `    server ${node.name} ${node.address} cookie ${node.name}`);
  return `# st-proxy behind HAProxy 2.6: ${options.nodes.length} proxies sharing one Redis and one PostgreSQL.
# Explained in docs/cluster.md ("HAProxy"). Rendered by packages/proxy/src/cluster/haproxy-config.ts.

global
${(options.globalLines ?? []).map((line) => `    ${line}\n`).join('')}    # The runtime API: drain a proxy before stopping it, see its state and sessions.
    #   echo "set server st_proxies/node1 state drain" | socat stdio unix-connect:<socket>
    stats socket ${options.adminSocket} mode 600 level admin
    stats timeout 30s

defaults
    mode http
    option dontlognull
    timeout connect 3s
    # Requests and plain responses. Above the long-poll's hold (25 s) and the Server-Sent Events'
    # heartbeat (ST_HEARTBEAT_MS, 25 s): a quiet stream is not a dead one.
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout http-keep-alive 10s
    timeout queue 30s
    # WebSockets once upgraded: idle time in both directions (the proxy pings every 25 s).
    timeout tunnel 1h
    timeout client-fin 5s
    timeout server-fin 5s

frontend st
    bind ${options.bind}
    # The proxies believe these from the balancer's address only (ST_TRUST_PROXY).
    http-request del-header x-forwarded-for
    option forwardfor
    http-request set-header x-forwarded-proto https if { ssl_fc }
    http-request set-header x-forwarded-proto http if !{ ssl_fc }
    default_backend st_proxies

backend st_proxies
    # Long-lived streams: the proxy holding fewest connections takes the next client.
    balance leastconn
    # Affinity for browsers: a cookie naming the proxy, forgotten after ${sticky} s without a
    # request and after ${maxLife} s in any case.
    cookie ST_NODE insert indirect nocache httponly maxidle ${sticky} maxlife ${maxLife} attr "SameSite=Lax"
    # Affinity for token bearers with no cookie jar (the SDK in Node, the mobile app): the
    # token's SHA-256 (never the token: the runtime API can list the table) from the Authorization
    # header or the WebSocket subprotocol, forgotten after ${sticky} s unused.
    stick-table type binary len 32 size 1m expire ${sticky}s
    http-request set-var(txn.st_key) req.hdr(authorization),field(2,' '),sha2(256) if { req.hdr(authorization) -m beg -i "bearer " }
    http-request set-var(txn.st_key) req.hdr(sec-websocket-protocol,-1),regsub(^st\\.bearer\\.,),sha2(256) if { req.hdr(sec-websocket-protocol,-1) -m beg st.bearer. }
    stick on var(txn.st_key) if { var(txn.st_key) -m found }
    # A proxy that is down, or refuses because it is draining (503 ST_ERR_DRAINING: logins and new
    # streams), sends the request to another; persistence is broken and renewed there. A replayed
    # message carries its clientId, which the store answers with the message it has.
    option redispatch 1
    retries 3
    retry-on conn-failure empty-response 503
    # Ready: 200; draining, or Redis or the directory unreachable: 503, and out after two checks.
    option httpchk GET /readyz
    http-check expect status 200
    default-server check inter ${inter}ms fastinter ${Math.max(100, inter / 4)}ms downinter ${inter}ms fall 2 rise 2
${servers.join('\n')}
`;
}

/** The configuration shipped in deploy/haproxy: three proxies on this machine's ports 8081-8083. */
export function shippedHaproxyConfig(): string {
  return haproxyConfig({
    bind: '*:8080',
    nodes: [1, 2, 3].map((n) => ({ name: `node${n}`, address: `127.0.0.1:${8080 + n}` })),
    adminSocket: '/run/haproxy/st-admin.sock',
    globalLines: ['log /dev/log local0', 'user haproxy', 'group haproxy', 'daemon'],
  });
}
