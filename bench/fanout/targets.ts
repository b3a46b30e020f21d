/**
 * What the fan-out benchmark measures: the proxy, and its peer the raw `ws` broadcast server. Each
 * runs as a child process and tells the harness where its sockets go, what each session sends
 * first, how to trigger change N, and its own memory and CPU time.
 */

import { join } from 'node:path';
import { SETTABLE_STATUSES } from '@st/protocol/core';
import { startHaproxy, type TestHaproxy } from '../../packages/proxy/src/testing/haproxy.ts';
import { loginMany, type ProcessFigures, setStatus } from '../lib/api.ts';
import { NodeChild } from '../lib/children.ts';
import { profileFlags } from '../lib/cpu-profile.ts';
import { BENCH_PASSWORD, type BenchPerson, numberedId, writeDirectory } from '../lib/directory.ts';
import { ProxyChild } from '../lib/proxy-child.ts';
import { markText } from './marks.ts';
import type { ClientKind, SessionSpec } from './worker-messages.ts';

export type { ProcessFigures as ServerFigures } from '../lib/api.ts';

export interface Target {
  readonly wsUrl: string;
  /** What holds each session on the load side. */
  readonly client: ClientKind;
  readonly sessions: SessionSpec[];
  trigger(change: number): Promise<void>;
  /** Memory (after a full collection when `collect`) and CPU time so far. */
  figures(collect: boolean): Promise<ProcessFigures>;
  stop(): Promise<void>;
}

export const HOT_PERSON = 'hot';

/** `count` distinct people of `pool` for session `index`: a run of neighbours from a spread start. */
export function othersFor(index: number, count: number, pool: readonly string[]): string[] {
  const take = Math.min(count, pool.length);
  const start = (index * 7919) % pool.length;
  return Array.from({ length: take }, (_, k) => pool[(start + k) % pool.length]!);
}

export interface ProxySetup {
  sessions: number;
  others: number;
  pool: number;
  streamsPerLogin: number;
  client: ClientKind;
  workDir: string;
  profileDir?: string | undefined;
  /** A Redis the proxies share (ST_REDIS_URL); none: one proxy on its embedded backends. */
  redisUrl?: string | undefined;
  /** Proxies sharing `redisUrl`; sessions go to them in turn, changes are made on the first. */
  nodes?: number;
  /** HAProxy in front of the proxies (the shipped configuration): every login and session goes through it. */
  haproxy?: boolean;
}

/** Memory and CPU of several proxies, added up. */
function sum(figures: ProcessFigures[]): ProcessFigures {
  return {
    rssBytes: figures.reduce((n, f) => n + f.rssBytes, 0),
    heapUsedBytes: figures.reduce((n, f) => n + f.heapUsedBytes, 0),
    cpuUserSeconds: figures.reduce((n, f) => n + f.cpuUserSeconds, 0),
    cpuSystemSeconds: figures.reduce((n, f) => n + f.cpuSystemSeconds, 0),
  };
}

export class ProxyTarget implements Target {
  sessions: SessionSpec[] = [];
  /** Memory before any bench login or session (after a full collection). */
  idle!: ProcessFigures;
  logins = 0;
  loginSeconds = 0;
  private hotToken = '';

  private balancer: TestHaproxy | undefined;

  private constructor(
    private readonly proxies: ProxyChild[],
    readonly wsUrl: string,
    readonly client: ClientKind,
  ) {}

  private get proxy(): ProxyChild {
    return this.proxies[0]!;
  }

  static async start(setup: ProxySetup): Promise<ProxyTarget> {
    const logins = Math.ceil(setup.sessions / setup.streamsPerLogin);
    const watchers = Array.from({ length: logins }, (_, i) => numberedId('w', i + 1, 6));
    const pool = Array.from({ length: setup.pool }, (_, i) => numberedId('p', i + 1, 6));
    const people: BenchPerson[] = [
      { id: HOT_PERSON, displayName: 'Hot Person', canLogIn: true },
      ...watchers.map((id) => ({ id, displayName: `Watcher ${id}`, canLogIn: true })),
      ...pool.map((id) => ({ id, displayName: `Person ${id}` })),
    ];
    const directoryFile = await writeDirectory(setup.workDir, people);
    const nodes = setup.redisUrl ? (setup.nodes ?? 1) : 1;
    const proxies: ProxyChild[] = [];
    const wsOf = (proxy: ProxyChild) => `${proxy.url.replace(/^http/, 'ws')}/api/v1/ws`;
    try {
      for (let n = 1; n <= nodes; n++) {
        proxies.push(
          await ProxyChild.start({
            directoryFile,
            dataDir: join(setup.workDir, `data-${n}`),
            profileDir: setup.profileDir,
            name: nodes > 1 ? `proxy-${n}` : 'proxy',
            env: {
              // The hot person changes status far more often than a person may.
              ST_STATUS_CHANGES_PER_MINUTE: '1000000',
              ...(setup.redisUrl ? { ST_REDIS_URL: setup.redisUrl, ST_NODE_ID: `bench-${n}` } : {}),
            },
          }),
        );
      }
    } catch (error) {
      await Promise.all(proxies.map((p) => p.stop()));
      throw error;
    }
    const proxy = proxies[0]!;
    let balancer: TestHaproxy | undefined;
    if (setup.haproxy) {
      const nodes = proxies.map((p, n) => ({ name: `bench-${n + 1}`, address: new URL(p.url).host }));
      balancer = await startHaproxy({ nodes }).catch(async (error: unknown) => {
        await Promise.all(proxies.map((p) => p.stop()));
        throw error;
      });
    }
    const entry = balancer?.url ?? proxy.url;
    const target = new ProxyTarget(proxies, `${entry.replace(/^http/, 'ws')}/api/v1/ws`, setup.client);
    target.balancer = balancer;
    try {
      target.idle = sum(await Promise.all(proxies.map((p) => p.figuresAfterGc())));
      const started = performance.now();
      const [hotToken, ...tokens] = await loginMany(entry, [HOT_PERSON, ...watchers], BENCH_PASSWORD);
      target.loginSeconds = (performance.now() - started) / 1000;
      target.logins = tokens.length;
      target.hotToken = hotToken!;
      target.sessions = Array.from({ length: setup.sessions }, (_, i) => ({
        // Through the balancer, leastconn spreads the sessions; without it they go round the proxies.
        ...(nodes > 1 && !balancer ? { url: wsOf(proxies[i % nodes]!) } : {}),
        protocols: ['st.v1', `st.bearer.${tokens[Math.floor(i / setup.streamsPerLogin)]}`],
        token: tokens[Math.floor(i / setup.streamsPerLogin)]!,
        watch: [HOT_PERSON, ...othersFor(i, setup.others, pool)],
      }));
    } catch (error) {
      await target.stop();
      throw error;
    }
    return target;
  }

  get url(): string {
    return this.proxy.url;
  }

  trigger(change: number): Promise<void> {
    const status = SETTABLE_STATUSES[change % SETTABLE_STATUSES.length]!;
    return setStatus(this.proxy.url, this.hotToken, status, markText(change));
  }

  async figures(collect: boolean): Promise<ProcessFigures> {
    return sum(await Promise.all(this.proxies.map((p) => (collect ? p.figuresAfterGc() : p.figures()))));
  }

  async stop(): Promise<void> {
    await this.balancer?.stop();
    await Promise.all(this.proxies.map((p) => p.stop()));
  }
}

export class RawTarget implements Target {
  readonly sessions: SessionSpec[];
  readonly client = 'raw';

  private constructor(
    private readonly child: NodeChild,
    private readonly url: string,
    sessions: number,
    private readonly messageBytes: number,
  ) {
    this.sessions = Array.from({ length: sessions }, () => ({}));
  }

  /** A raw server for `sessions` sockets, sending messages of `messageBytes` bytes. */
  static async start(sessions: number, messageBytes: number, profileDir?: string): Promise<RawTarget> {
    const child = new NodeChild({
      name: 'raw-broadcast',
      script: 'bench/fanout/raw-broadcast.ts',
      nodeArgs: ['--expose-gc', ...(profileDir ? profileFlags(profileDir, 'raw') : [])],
    });
    try {
      const [, url] = await child.waitForLine(/listening on (http:\/\/\S+)/, 60_000);
      return new RawTarget(child, url!, sessions, messageBytes);
    } catch (error) {
      await child.stop();
      throw error;
    }
  }

  get wsUrl(): string {
    return this.url.replace(/^http/, 'ws');
  }

  async trigger(change: number): Promise<void> {
    const response = await fetch(`${this.url}/broadcast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ change, bytes: this.messageBytes }),
    });
    if (response.status !== 204) throw new Error(`raw broadcast: HTTP ${response.status}`);
  }

  async figures(collect: boolean): Promise<ProcessFigures> {
    const response = await fetch(`${this.url}/stats${collect ? '?gc=1' : ''}`);
    return (await response.json()) as ProcessFigures;
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
