import { describe, expect, it } from 'vitest';
import { runLiveNames } from './bench.ts';

describe('the live-names benchmark, small', () => {
  it('loads the page cold and warm, counting frames, calls and bytes', async () => {
    const result = await runLiveNames({ names: 40, online: 4, timeout: 60 }, () => {});
    const { cold, warm } = result;
    expect(cold.traffic.watchFrames).toBeGreaterThanOrEqual(1);
    expect(cold.traffic.watchIds).toBeGreaterThanOrEqual(40);
    expect(cold.times.allKnownAt).toBeGreaterThan(0);
    expect(cold.times.firstKnownAt).toBeLessThanOrEqual(cold.times.allKnownAt!);
    expect(result.statuses.offline).toBe(36);
    expect(cold.traffic.scripts.some((s) => s.url.endsWith('/st/components.js') && s.transferBytes > 0)).toBe(
      true,
    );
    expect(result.scripts[0]!.gzipBytes).toBeLessThan(result.scripts[0]!.bytes);
    expect(result.cacheEntries).toBeGreaterThanOrEqual(40);
    expect(warm.times.allKnownAt).toBeGreaterThan(0);
    expect(warm.traffic.watchFrames).toBeGreaterThanOrEqual(1);
  });
});
