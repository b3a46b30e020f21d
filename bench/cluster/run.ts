/**
 * `npm run bench:cluster`: the failover and rolling-restart figures at full size. Three
 * proxies behind HAProxy (real Redis, PostgreSQL, processes), 500 SDK clients (each a person
 * with a login, a WebSocket stream, a 1:1 conversation and presence watches) and 50 messages a
 * second through their outboxes. It SIGKILLs the proxy holding most streams and measures when
 * every one of its clients is connected to another proxy and when every client has seen a status
 * set after the kill; then it restarts every proxy in turn (SIGTERM, exit 0, start, ready) and
 * counts lost and doubled messages and forced logins. The same scenario runs at 60 clients in
 * packages/client/src/cluster/balancer.integration.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterLoad } from '../../packages/client/src/cluster/test-support.ts';
import {
  LOAD_PASSWORD,
  loadPersonId,
  startCluster,
  writePeopleFile,
} from '../../packages/proxy/src/testing/cluster.ts';
import { parseOptions, UsageError, usage } from '../lib/args.ts';
import { machineLine, writeResults } from '../lib/report.ts';

const SPECS = {
  clients: { default: 500, min: 4, max: 5000, help: 'SDK clients (people with a stream each)' },
  rate: { default: 50, min: 1, max: 2000, help: 'messages per second, all clients together' },
  nodes: { default: 3, min: 2, max: 8, help: 'proxies behind HAProxy' },
  'drain-seconds': { default: 5, min: 0, max: 600, help: 'ST_DRAIN_SECONDS of the proxies' },
  help: { help: 'this text' },
} as const;

let options: ReturnType<typeof parseOptions<typeof SPECS>>;
try {
  options = parseOptions(process.argv.slice(2), SPECS);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n${usage('npm run bench:cluster --', SPECS)}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage('npm run bench:cluster --', SPECS));
  process.exit(0);
}

const clients = options.clients - (options.clients % 2);
const LIMIT_MS = 300_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

console.log(machineLine());
console.log(`${options.nodes} proxies behind HAProxy, ${clients} SDK clients, ${options.rate} messages/s`);
const folder = await mkdtemp(join(tmpdir(), 'st-bench-cluster-'));
const cluster = await startCluster({
  nodes: options.nodes,
  fsync: true,
  env: {
    ST_DIRECTORY: await writePeopleFile(folder, clients),
    ST_DRAIN_SECONDS: String(options['drain-seconds']),
    ST_CHAT_MESSAGE_BURST: '1000',
  },
});
let load: ClusterLoad | undefined;
const stopAll = async () => {
  load?.close();
  await cluster.close();
  await rm(folder, { recursive: true, force: true });
};
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

try {
  const people = Array.from({ length: clients }, (_, i) => loadPersonId('p', i + 1));
  const connecting = performance.now();
  load = await ClusterLoad.start({ server: cluster.url, people, password: LOAD_PASSWORD });
  console.log(
    `${clients} clients logged in and connected in ${Math.round(performance.now() - connecting)} ms`,
  );
  const running = load;
  const spread = () => cluster.nodes.map((n) => `${n.name} ${running.on(n.name).length}`).join(', ');
  console.log(`streams per proxy: ${spread()}`);
  const probeLogin = await fetch(`${cluster.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: people[0], password: LOAD_PASSWORD }),
  });
  const probeToken = ((await probeLogin.json()) as { token: string }).token;
  const probe = async (message: string) => {
    for (;;) {
      const answer = await fetch(`${cluster.url}/api/v1/me/status`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${probeToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'available', message }),
      }).catch(() => undefined);
      if (answer?.ok) return;
      await sleep(100);
    }
  };

  // SIGKILL under load.
  running.startSending(options.rate);
  await sleep(5000);
  const victim = cluster.nodes
    .map((n) => [n.name, running.on(n.name).length] as const)
    .sort((a, b) => b[1] - a[1])[0]![0];
  const moved = running.on(victim);
  const killedAt = performance.now();
  await cluster.kill(victim);
  const probed = probe('after the kill');
  const reconnectMs = await running.until(
    () => moved.every((c) => c.connected && c.connectedAt > killedAt && c.node !== victim),
    LIMIT_MS,
    'every client of the killed proxy connected elsewhere',
  );
  await probed;
  await running.until(
    () => running.clients.every((c) => c.probeSeen === 'after the kill'),
    LIMIT_MS,
    'presence',
  );
  const presenceMs = performance.now() - killedAt;
  await sleep(5000);
  await running.stopSending();
  await running.until(() => running.deliveryProblems().length === 0, LIMIT_MS, 'delivery').catch(() => {});
  const kill = {
    victim,
    streamsMoved: moved.length,
    reconnectMs: Math.round(reconnectMs),
    presenceMs: Math.round(presenceMs),
    acknowledged: running.acked.length,
    problems: running.deliveryProblems().length,
    failedSends: running.failed.length,
    forcedLogins: running.clients.reduce((n, c) => n + c.forcedLogins, 0),
  };
  console.log(
    `SIGKILL of ${victim} holding ${moved.length} streams: all back on other proxies in ${kill.reconnectMs} ms; ` +
      `every client saw a status set after the kill in ${kill.presenceMs} ms; ` +
      `${kill.acknowledged} messages acknowledged, ${kill.problems} lost or doubled, ${kill.forcedLogins} forced logins`,
  );
  await cluster.start(victim);
  await cluster.waitForBalancer(victim, true);

  // Rolling restart under the same load.
  const ackedBefore = running.acked.length;
  running.startSending(options.rate);
  const rollingStarted = performance.now();
  const drains: { node: string; streams: number; exitCode: number | null; drainMs: number }[] = [];
  for (const node of cluster.nodes) {
    const streams = running.on(node.name).length;
    const stoppedAt = performance.now();
    const exitCode = await cluster.stop(node.name);
    const drainMs = Math.round(performance.now() - stoppedAt);
    drains.push({ node: node.name, streams, exitCode, drainMs });
    console.log(`  ${node.name}: ${streams} streams, drained and exited ${exitCode} in ${drainMs} ms`);
    await cluster.start(node.name);
    await cluster.waitForBalancer(node.name, true);
  }
  await running.until(() => running.clients.every((c) => c.connected), LIMIT_MS, 'every client connected');
  await running.stopSending();
  await running.until(() => running.deliveryProblems().length === 0, LIMIT_MS, 'delivery').catch(() => {});
  const rolling = {
    ms: Math.round(performance.now() - rollingStarted),
    drains,
    acknowledged: running.acked.length - ackedBefore,
    problems: running.deliveryProblems().length,
    failedSends: running.failed.length,
    forcedLogins: running.clients.reduce((n, c) => n + c.forcedLogins, 0),
  };
  console.log(
    `rolling restart of ${cluster.nodes.length} proxies in ${rolling.ms} ms: ${rolling.acknowledged} messages acknowledged, ` +
      `${rolling.problems} lost or doubled, ${rolling.forcedLogins} forced logins, ${rolling.failedSends} failed sends`,
  );
  console.log(`streams per proxy at the end: ${spread()}`);
  const file = await writeResults('cluster', { options, clients, kill, rolling });
  console.log(`results: ${file}`);
} finally {
  await stopAll();
}
