import { describe, expect, it } from 'vitest';
import { HeartbeatSweep } from './heartbeat-sweep.ts';

describe('HeartbeatSweep', () => {
  it('visits every item once per round, a slice per tick', () => {
    const items = new Set(Array.from({ length: 100 }, (_, i) => i));
    const visited: number[] = [];
    // A 1,000 ms period in ticks of 250 ms: four slices of 25.
    const sweep = new HeartbeatSweep(
      () => items,
      (item) => visited.push(item),
      1000,
    );
    sweep.stop();
    sweep.tick();
    expect(visited).toHaveLength(25);
    for (let i = 0; i < 3; i++) sweep.tick();
    expect(visited.sort((a, b) => a - b)).toEqual([...items]);
    sweep.tick();
    expect(visited).toHaveLength(125);
  });

  it('takes in items added since the last round at the next round', () => {
    const items = new Set([1, 2]);
    const visited: number[] = [];
    const sweep = new HeartbeatSweep(
      () => items,
      (item) => visited.push(item),
      10,
    );
    sweep.stop();
    sweep.tick();
    items.add(3);
    sweep.tick();
    expect(visited).toEqual([1, 2, 1, 2, 3]);
  });
});
