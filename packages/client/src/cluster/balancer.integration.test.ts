/**
 * The SDK through HAProxy in front of three proxies (real Redis, PostgreSQL, proxy processes),
 * under load: SDK clients with streams, presence watches and a steady flow of 1:1 messages.
 * SIGKILL of the proxy holding most streams: every client reconnects through the balancer to
 * another proxy, presence converges, and every acknowledged message is shown exactly once. A
 * rolling restart of every proxy (SIGTERM, exit 0, start again): no message lost, no login
 * forced. The figures are printed; `npm run bench:cluster` runs the same at 500 clients.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LOAD_PASSWORD,
  loadPersonId,
  startCluster,
  type TestCluster,
  writePeopleFile,
} from '@st/proxy/cluster-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterLoad } from './test-support.ts';

const CLIENTS = 60;
const MESSAGES_PER_SECOND = 10;
/** Generous: the machine is shared; the measured times are printed, not asserted. */
const WAIT_MS = 60_000;

let folder: string;
let cluster: TestCluster;
let load: ClusterLoad;
let probeToken: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'st-balancer-'));
  const directory = await writePeopleFile(folder, CLIENTS);
  cluster = await startCluster({
    nodes: 3,
    env: { ST_DIRECTORY: directory, ST_DRAIN_SECONDS: '2', ST_CHAT_MESSAGE_BURST: '1000' },
  });
  const people = Array.from({ length: CLIENTS }, (_, i) => loadPersonId('p', i + 1));
  load = await ClusterLoad.start({ server: cluster.url, people, password: LOAD_PASSWORD });
  const answer = await fetch(`${cluster.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: people[0], password: LOAD_PASSWORD }),
  });
  probeToken = ((await answer.json()) as { token: string }).token;
}, 300_000);
afterAll(async () => {
  load?.close();
  await cluster?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
}, 60_000);

/** Sets the probe person's status message through the balancer, trying again while no proxy answers. */
async function probe(message: string): Promise<void> {
  for (;;) {
    const answer = await fetch(`${cluster.url}/api/v1/me/status`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${probeToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'available', message }),
    }).catch(() => undefined);
    if (answer?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every client sees everyone it watches available (all of them have a stream). */
async function everyoneAvailable(when: string, where: (id: string) => string = () => ''): Promise<void> {
  const wrong = () =>
    load.clients.flatMap((c) =>
      [...c.watched]
        .filter(([, status]) => status !== 'available')
        .map(([id, status]) => `${c.id} (${where(c.id)}) sees ${id} (${where(id)}) ${status}`),
    );
  await load
    .until(() => wrong().length === 0, WAIT_MS, `${when}: everyone watched is available`)
    .catch(() => {
      expect(wrong(), when).toEqual([]);
    });
}

function busiestNode(): string {
  const counts = cluster.nodes.map((node) => [node.name, load.on(node.name).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

async function settled(what: string): Promise<void> {
  await load.stopSending();
  expect(load.failed).toEqual([]);
  await load
    .until(() => load.deliveryProblems().length === 0, WAIT_MS, `${what}: every message shown once`)
    .catch(() => expect(load.deliveryProblems()).toEqual([]));
  expect(load.clients.filter((c) => c.forcedLogins > 0).map((c) => c.id)).toEqual([]);
  console.log(`${what}: ${load.acked.length} messages acknowledged, each shown once by sender and recipient`);
}

describe('SDK clients through HAProxy', () => {
  it('survive SIGKILL of the proxy holding most of them: all back elsewhere, presence converges, no message lost or doubled', async () => {
    await everyoneAvailable('before the kill');
    load.startSending(MESSAGES_PER_SECOND);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const victim = busiestNode();
    const before = new Map(load.clients.map((c) => [c.id, c.node]));
    const moved = load.on(victim);
    expect(moved.length).toBeGreaterThan(0);
    const killedAt = performance.now();
    await cluster.kill(victim);
    const probeSet = probe('after the kill');
    const reconnectMs = await load.until(
      () => moved.every((c) => c.connected && c.connectedAt > killedAt && c.node !== victim),
      WAIT_MS,
      'every client of the killed proxy connected elsewhere',
    );
    await probeSet;
    await load.until(
      () => load.clients.every((c) => c.probeSeen === 'after the kill'),
      WAIT_MS,
      'every client sees the probe person’s new status',
    );
    const presenceMs = performance.now() - killedAt;
    // Nobody who reconnected went offline for the others (the grace period covers the move).
    // Nobody who reconnected went offline for the others (the grace period covers the move).
    await everyoneAvailable(
      'after the kill',
      (id) => `${before.get(id)}→${load.clients.find((c) => c.id === id)?.node}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await settled('SIGKILL');
    console.log(
      `SIGKILL of ${victim} holding ${moved.length} of ${CLIENTS} streams at ${MESSAGES_PER_SECOND} messages/s: ` +
        `all back on other proxies ${Math.round(reconnectMs)} ms after the kill; presence converged ` +
        `(every client saw a status set after the kill) ${Math.round(presenceMs)} ms after the kill`,
    );
    await cluster.start(victim);
    await cluster.waitForBalancer(victim, true);
  }, 300_000);

  it('lose no message and force no login in a rolling restart of every proxy', async () => {
    load.startSending(MESSAGES_PER_SECOND);
    const started = performance.now();
    for (const node of cluster.nodes) {
      const had = load.on(node.name).length;
      const stoppedAt = performance.now();
      expect(await cluster.stop(node.name)).toBe(0);
      const drainMs = performance.now() - stoppedAt;
      await cluster.start(node.name);
      await cluster.waitForBalancer(node.name, true);
      console.log(
        `rolling restart: ${node.name} (${had} streams) drained and exited 0 in ${Math.round(drainMs)} ms`,
      );
    }
    await load.until(() => load.clients.every((c) => c.connected), WAIT_MS, 'every client connected');
    await settled('rolling restart');
    console.log(
      `rolling restart of ${cluster.nodes.length} proxies took ${Math.round(performance.now() - started)} ms`,
    );
  }, 300_000);
});
