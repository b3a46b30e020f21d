/**
 * The health of what this proxy depends on, each with how long its check took: the community
 * server, Redis (in a cluster), the store (PostgreSQL or SQLite) and the directory. A check that
 * does not answer within CHECK_TIMEOUT_MS counts as unavailable.
 */
import { type AdminHealthCheck, HealthStatus } from '@st/protocol';
import type { ProxyContext } from '../context.ts';

const CHECK_TIMEOUT_MS = 2000;

async function timed(
  name: AdminHealthCheck['name'],
  kind: string,
  check: () => Promise<boolean>,
): Promise<AdminHealthCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), CHECK_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([check().catch(() => false), timeout]);
    if (outcome === 'timeout') return { name, kind, status: HealthStatus.Unavailable, latencyMs: null };
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { name, kind, status: outcome ? HealthStatus.Ok : HealthStatus.Unavailable, latencyMs };
  } finally {
    clearTimeout(timer);
  }
}

function communityKind(context: ProxyContext): string {
  if (context.config.community.startsWith('xmpp')) return 'xmpp';
  return context.cluster.shared ? 'redis' : 'embedded';
}

function directoryKind(directory: string): string {
  if (directory === 'demo' || directory === 'xmpp') return directory;
  return /^ldaps?:/i.test(directory) ? 'ldap' : 'file';
}

export function checkHealth(context: ProxyContext): Promise<AdminHealthCheck[]> {
  const { cluster, store, community, directory } = context;
  const checks = [
    timed('community', communityKind(context), async () => (await community.health()).ok),
    timed('store', store.kind, async () => {
      await store.ping();
      return true;
    }),
    timed('directory', directoryKind(context.config.directory), async () => (await directory.health()).ok),
  ];
  const ping = cluster.roster.ping?.bind(cluster.roster);
  if (ping) {
    checks.splice(
      1,
      0,
      timed('redis', 'redis', async () => {
        await ping();
        return true;
      }),
    );
  }
  return Promise.all(checks);
}
