/** The few calls of the proxy's JSON API the benchmarks make (see docs/wire-protocol.md). */
import type { LoginResponse, SettableStatus } from '@st/protocol/core';

export class ApiCallError extends Error {
  override name = 'ApiCallError';
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status === status) return;
  const body = await response.text().catch(() => '');
  throw new ApiCallError(`${what}: HTTP ${response.status} ${body.slice(0, 200)}`);
}

/** Logs in with a password and answers the bearer token. */
export async function login(server: string, userId: string, password: string): Promise<string> {
  const response = await fetch(`${server}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password }),
  });
  await expectStatus(response, 201, `login of ${userId}`);
  return ((await response.json()) as LoginResponse).token;
}

/** Logs everyone in, `concurrency` at a time; answers the tokens in the order of `userIds`. */
export async function loginMany(
  server: string,
  userIds: readonly string[],
  password: string,
  concurrency = 8,
): Promise<string[]> {
  const tokens = new Array<string>(userIds.length);
  let next = 0;
  const worker = async () => {
    while (next < userIds.length) {
      const index = next++;
      tokens[index] = await login(server, userIds[index]!, password);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, userIds.length) }, worker));
  return tokens;
}

export async function setStatus(
  server: string,
  token: string,
  status: SettableStatus,
  message: string,
): Promise<void> {
  const response = await fetch(`${server}/api/v1/me/status`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ status, message }),
  });
  await expectStatus(response, 204, 'set status');
}

/** Unlabelled samples of a Prometheus text page, by metric name. */
export function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_:][\w:]*)\s+(\S+)/.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

/** Process figures of a server, as its /metrics (prom-client's default metrics) reports them. */
export interface ProcessFigures {
  rssBytes: number;
  heapUsedBytes: number;
  /** CPU time so far, in the process's own code and libraries (user) and in the kernel (system). */
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
}

function bySuffix(samples: Map<string, number>, suffix: string): number {
  for (const [name, value] of samples) if (name.endsWith(suffix)) return value;
  throw new ApiCallError(`/metrics has no metric ending in ${suffix}`);
}

export async function processFigures(server: string): Promise<ProcessFigures> {
  const response = await fetch(`${server}/metrics`);
  await expectStatus(response, 200, 'metrics');
  const samples = parsePrometheus(await response.text());
  return {
    rssBytes: bySuffix(samples, 'process_resident_memory_bytes'),
    heapUsedBytes: bySuffix(samples, 'nodejs_heap_size_used_bytes'),
    cpuUserSeconds: bySuffix(samples, 'process_cpu_user_seconds_total'),
    cpuSystemSeconds: bySuffix(samples, 'process_cpu_system_seconds_total'),
  };
}
