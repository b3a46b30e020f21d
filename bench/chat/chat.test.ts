import { describe, expect, it } from 'vitest';
import { TestPostgres } from '../../packages/proxy/src/testing/postgres.ts';
import { runMode } from './bench.ts';
import { parseChatOptions } from './options.ts';

const quiet = () => {};

describe('the chat benchmark, small', () => {
  it('measures a sustained rate and times every message at half of it, losing none', async () => {
    const options = parseChatOptions(['--pairs', '2', '--seconds', '1', '--warmup', '0', '--window', '2']);
    const result = await runMode(options, true, quiet);
    expect(result.groupCommit).toBe(true);
    expect(result.throughput.refused).toBe(0);
    expect(result.throughput.acknowledgedPerSecond).toBeGreaterThan(0);
    const { latency } = result;
    expect(latency.targetPerSecond).toBe(
      Math.max(1, Math.round(result.throughput.acknowledgedPerSecond / 2)),
    );
    expect(latency.missing).toBe(0);
    expect(latency.refused).toBe(0);
    expect(latency.sendToReceive.count).toBeGreaterThan(0);
    expect(latency.sendToReceive.count).toBe(latency.sendToAck.count);
    expect(latency.sendToReceive.max).toBeGreaterThanOrEqual(latency.sendToReceive.p99);
  });

  it('measures the same with the store in PostgreSQL', async () => {
    const postgres = await TestPostgres.start({ fsync: false });
    try {
      const options = parseChatOptions(['--pairs', '2', '--seconds', '1', '--warmup', '0', '--window', '2']);
      const store = { name: 'PostgreSQL' as const, databaseUrl: await postgres.createDatabase() };
      const result = await runMode(options, true, quiet, undefined, store);
      expect(result.store).toBe('PostgreSQL');
      expect(result.throughput.refused).toBe(0);
      expect(result.throughput.acknowledgedPerSecond).toBeGreaterThan(0);
      expect(result.latency.missing).toBe(0);
    } finally {
      await postgres.dispose();
    }
  });
});
