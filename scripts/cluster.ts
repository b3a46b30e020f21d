/**
 * `npm run cluster [-- --nodes N]`: the cluster on this machine, for trying it and as the tested
 * model of one spread over several machines (docs/cluster.md). Installs what is missing (Redis,
 * PostgreSQL, HAProxy: Debian's packages), builds the web client if it is not built, then starts
 * one Redis, one PostgreSQL, N proxies (node1..N, 3 by default; the demo directory, alice an
 * administrator) on free ports and HAProxy in front on ST_PORT (8080 by default), each from a
 * temporary folder. Ctrl-C or SIGTERM drains the proxies, stops everything and removes the folders.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startCluster, type TestCluster } from '../packages/proxy/src/testing/cluster.ts';
import { ownProcessGroups } from '../packages/proxy/src/testing/process-groups.ts';

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '3' } } });
const nodes = Number(values.nodes);
if (!Number.isInteger(nodes) || nodes < 1 || nodes > 32) {
  console.error('--nodes: a whole number from 1 to 32');
  process.exit(1);
}
const port = Number(process.env.ST_PORT ?? 8080);

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed`);
    process.exit(1);
  }
}

for (const server of ['redis', 'postgres', 'haproxy']) run('bash', [`scripts/ensure-${server}.sh`]);
if (!existsSync('apps/web/dist/index.html')) run('npm', ['run', 'build']);

ownProcessGroups();
console.log(`Starting Redis, PostgreSQL, ${nodes} proxies and HAProxy...`);
let cluster: TestCluster | undefined;
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the cluster: the proxies drain first, then HAProxy, PostgreSQL and Redis...');
  await cluster?.close({ drain: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

cluster = await startCluster({
  nodes,
  port,
  fsync: true,
  checkIntervalMs: 2000,
  env: {
    ST_DIRECTORY: 'demo',
    ST_ADMINS: 'alice',
    ST_LOG_LEVEL: process.env.ST_LOG_LEVEL ?? 'warn',
  },
}).catch((error: unknown) => {
  console.error(`cannot start the cluster: ${(error as Error).message.split('\n')[0]}`);
  process.exit(1);
});
if (stopping) await stop();

console.log(`\nst-proxy cluster on ${cluster.url}  (log in as alice, bob, carol or dave; password "demo")`);
for (const node of cluster.nodes) console.log(`  ${node.name}  http://${node.address}`);
console.log(`  Redis       ${cluster.redis.url}`);
console.log(`  PostgreSQL  127.0.0.1:${cluster.postgres.port}`);
console.log(`  HAProxy's runtime API  ${cluster.haproxy.adminSocket}`);
console.log(
  `\nDrain node1 (it exits when done; the others take its people):\n  kill -TERM ${cluster.nodes[0]?.process?.pid}` +
    `\nOr keep it out of new sessions from the balancer's side:\n  echo "set server st_proxies/node1 state drain" | socat stdio unix-connect:${cluster.haproxy.adminSocket}` +
    '\nCtrl-C stops everything.',
);
