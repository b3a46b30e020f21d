import { describe, expect, it } from 'vitest';
import { WatchUnion } from './watch-union.ts';

function recording() {
  const calls: string[] = [];
  return {
    calls,
    target: { want: (id: string) => calls.push(`+${id}`), unwant: (id: string) => calls.push(`-${id}`) },
  };
}

describe('WatchUnion', () => {
  it('watches a person while any tab wants them, once', () => {
    const { calls, target } = recording();
    const union = new WatchUnion(target);
    const self = union.source('self');
    self.want('bob');
    union.add('tab-2', 'bob');
    union.add('tab-2', 'bob');
    union.add('tab-2', 'carol');
    expect(calls).toEqual(['+bob', '+carol']);
    self.unwant('bob');
    expect(calls).toEqual(['+bob', '+carol']);
    union.remove('tab-2', 'bob');
    expect(calls).toEqual(['+bob', '+carol', '-bob']);
  });

  it('unwatches what only a tab that left wanted', () => {
    const { calls, target } = recording();
    const union = new WatchUnion(target);
    union.source('self').want('bob');
    union.add('tab-2', 'bob');
    union.add('tab-2', 'carol');
    union.drop('tab-2');
    expect(calls).toEqual(['+bob', '+carol', '-carol']);
    union.remove('tab-2', 'bob');
    expect(calls).toEqual(['+bob', '+carol', '-carol']);
  });
});
