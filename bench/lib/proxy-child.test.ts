import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from './api.ts';
import { BENCH_PASSWORD, writeDirectory } from './directory.ts';
import { ProxyChild } from './proxy-child.ts';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the proxy child with a generated directory', () => {
  let dir: string;
  let proxy: ProxyChild;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'st-bench-test-'));
    const file = await writeDirectory(dir, [
      { id: 'ann', displayName: 'Ann', canLogIn: true },
      { id: 'ben', displayName: 'Ben' },
    ]);
    proxy = await ProxyChild.start({ directoryFile: file, dataDir: join(dir, 'data') });
  });

  afterAll(async () => {
    await proxy?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets people with a password log in with the bench password, and nobody else', async () => {
    await expect(login(proxy.url, 'ann', BENCH_PASSWORD)).resolves.toMatch(/^[\w-]{20,}$/);
    await expect(login(proxy.url, 'ann', 'not the password')).rejects.toThrow(/HTTP 401/);
    await expect(login(proxy.url, 'ben', BENCH_PASSWORD)).rejects.toThrow(/HTTP 401/);
  });

  it('reports its memory and CPU time after a full collection', async () => {
    const figures = await proxy.figuresAfterGc();
    expect(figures.heapUsedBytes).toBeGreaterThan(0);
    expect(figures.rssBytes).toBeGreaterThan(figures.heapUsedBytes);
    expect(figures.cpuUserSeconds + figures.cpuSystemSeconds).toBeGreaterThan(0);
  });

  it('is gone once stopped', async () => {
    const pid = proxy.pid!;
    expect(isRunning(pid)).toBe(true);
    await proxy.stop();
    expect(isRunning(pid)).toBe(false);
  });
});
