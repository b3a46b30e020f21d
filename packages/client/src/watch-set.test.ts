import { describe, expect, it } from 'vitest';
import { WatchSet } from './watch-set.ts';

const ids = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('WatchSet', () => {
  it('sends each wanted id once, however often it is asked for', () => {
    const set = new WatchSet();
    set.want('bob');
    set.want('bob');
    set.want('carol');
    expect(set.take(1000)).toEqual([{ add: ['bob', 'carol'], remove: [] }]);
    set.want('bob');
    expect(set.take(1000)).toEqual([]);
  });

  it('sends nothing for an id wanted and unwanted between two flushes', () => {
    const set = new WatchSet();
    set.want('bob');
    set.unwant('bob');
    expect(set.take(1000)).toEqual([]);
  });

  it('splits at the limit, removals first', () => {
    const set = new WatchSet();
    for (const id of ids(3, 'old')) set.want(id);
    set.take(1000);
    for (const id of ids(3, 'old')) set.unwant(id);
    for (const id of ids(4, 'new')) set.want(id);
    expect(set.take(3)).toEqual([
      { add: [], remove: ['old0', 'old1', 'old2'] },
      { add: ['new0', 'new1', 'new2'], remove: [] },
      { add: ['new3'], remove: [] },
    ]);
  });

  it('puts 2,000 ids in two frames of 1,000', () => {
    const set = new WatchSet();
    for (const id of ids(2000)) set.want(id);
    const frames = set.take(1000);
    expect(frames.map((f) => f.add.length)).toEqual([1000, 1000]);
  });

  it('sends everything wanted again for a new stream, and nothing unwanted', () => {
    const set = new WatchSet();
    set.want('bob');
    set.want('carol');
    set.take(1000);
    set.unwant('carol');
    set.resendAll();
    expect(set.take(1000)).toEqual([{ add: ['bob'], remove: [] }]);
  });

  it('resends unconfirmed adds but not refused ones', () => {
    const set = new WatchSet();
    set.want('bob');
    set.want('carol');
    set.take(1000);
    set.unconfirmed(['bob']);
    set.refused(['carol']);
    expect(set.take(1000)).toEqual([{ add: ['bob'], remove: [] }]);
    set.resendAll();
    expect(set.take(1000)).toEqual([{ add: ['bob', 'carol'], remove: [] }]);
  });
});
