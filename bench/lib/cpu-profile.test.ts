import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { areaOf, summarizeProfile } from './cpu-profile.ts';

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

/** Samples 1 ms apart starting at 1000 µs: two in `send` (ws), one in `flush` (proxy), one idle. */
const PROFILE = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '') },
    { id: 2, callFrame: frame('send', 'file:///repo/node_modules/ws/lib/sender.js') },
    { id: 3, callFrame: frame('flush', 'file:///repo/packages/proxy/src/presence/fanout.ts') },
    { id: 4, callFrame: frame('(idle)', '') },
  ],
  startTime: 0,
  endTime: 6000,
  samples: [2, 2, 3, 4, 4],
  timeDeltas: [1000, 1000, 1000, 1000, 1000],
};

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function profileFile(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'st-bench-profile-'));
  const file = join(dir, 'test.cpuprofile');
  await writeFile(file, JSON.stringify(PROFILE));
  return file;
}

describe('summarizeProfile', () => {
  it('adds up self time per function and per area', async () => {
    const summary = await summarizeProfile(await profileFile());
    expect(summary.sampledMs).toBe(4);
    expect(summary.functions[0]).toMatchObject({
      name: 'send',
      where: 'ws/lib/sender.js',
      selfMs: 2,
      percent: 50,
    });
    expect(Object.fromEntries(summary.areas)).toEqual({ ws: 2, proxy: 1, '(idle)': 1 });
  });

  it('counts only samples inside the window', async () => {
    const summary = await summarizeProfile(await profileFile(), { startUs: 2500, endUs: 3500 });
    expect(summary.functions.map((f) => f.name)).toEqual(['flush']);
  });
});

describe('areaOf', () => {
  it('tells the proxy, libraries and Node apart', () => {
    expect(areaOf('file:///r/packages/proxy/src/stream/stream.ts', 'emit')).toBe('proxy');
    expect(areaOf('file:///r/node_modules/ws/lib/sender.js', 'send')).toBe('ws');
    expect(areaOf('node:net', 'write')).toBe('node internals');
    expect(areaOf('', '(garbage collector)')).toBe('(garbage collector)');
  });
});
