import { describe, expect, it } from 'vitest';
import { runFanout } from './bench.ts';
import { parseFanoutOptions } from './options.ts';

const quiet = () => {};

describe('the fan-out benchmark, small', () => {
  it('times every delivery at the proxy and at the raw peer, with messages of one size', async () => {
    const options = parseFanoutOptions([
      '--sessions',
      '40',
      '--changes',
      '5',
      '--warmup',
      '1',
      '--others',
      '5',
    ]);
    const result = await runFanout(options, quiet);
    const proxy = result.proxy.figures;
    const raw = result.raw!.figures;
    expect(proxy).toMatchObject({
      sessions: 40,
      changes: 5,
      deliveries: 200,
      expected: 200,
      incompleteChanges: 0,
    });
    expect(raw).toMatchObject({
      sessions: 40,
      changes: 5,
      deliveries: 200,
      expected: 200,
      incompleteChanges: 0,
    });
    expect(raw.messageBytes).toBe(proxy.messageBytes);
    expect(proxy.messageBytes).toBeGreaterThan(50);
    expect(proxy.latencyMs.p50).toBeGreaterThan(0);
    expect(proxy.latencyMs.max).toBeGreaterThanOrEqual(proxy.latencyMs.p99);
    expect(proxy.perChange.map((c) => c.deliveries)).toEqual([40, 40, 40, 40, 40]);
    expect(result.ratio).toBeGreaterThan(0);
    expect(result.proxy.after.heapUsedBytes).toBeGreaterThan(0);
    expect(result.aims.map((a) => a.aim)).toHaveLength(2);
  });

  it('measures sessions through the SDK beside the raw peer, with messages of one size', async () => {
    const options = parseFanoutOptions([
      '--sessions',
      '30',
      '--changes',
      '4',
      '--warmup',
      '1',
      '--others',
      '5',
      '--client',
      'sdk',
    ]);
    const result = await runFanout(options, quiet);
    expect(result.proxy.figures).toMatchObject({ sessions: 30, deliveries: 120, expected: 120 });
    expect(result.proxy.figures.perChange.map((c) => c.deliveries)).toEqual([30, 30, 30, 30]);
    expect(result.raw!.figures).toMatchObject({ deliveries: 120, expected: 120 });
    expect(result.proxy.figures.messageBytes).toBeGreaterThan(50);
    expect(result.raw!.figures.messageBytes).toBe(result.proxy.figures.messageBytes);
  });

  it('shares sessions among workers and logins', async () => {
    const options = parseFanoutOptions([
      '--sessions',
      '30',
      '--changes',
      '3',
      '--warmup',
      '0',
      '--workers',
      '2',
      '--streams-per-login',
      '4',
      '--no-raw',
    ]);
    const result = await runFanout(options, quiet);
    expect(result.setup).toMatchObject({ workers: 2, logins: 1 + 8 });
    expect(result.proxy.figures).toMatchObject({ deliveries: 90, expected: 90 });
    expect(result.raw).toBeUndefined();
  });
});
