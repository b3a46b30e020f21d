import type { HelloFrame, Presence } from '@st/protocol/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PresenceHub } from './presence-hub.ts';
import { type FrameSender, WatchSync } from './watch-sync.ts';

interface WatchFrame {
  type: 'watch';
  id: number;
  add: string[];
  remove: string[];
}

/** Records what would go on the socket. */
class RecordingSender implements FrameSender {
  isReady = false;
  readonly frames: WatchFrame[] = [];
  send(frame: object): boolean {
    this.frames.push(frame as WatchFrame);
    return true;
  }
}

function hello(limit = 1000): HelloFrame {
  return {
    type: 'hello',
    streamId: 's1',
    userId: 'alice',
    seq: 0,
    recovered: false,
    heartbeatMs: 30_000,
    limits: { watchIdsPerMessage: limit, watchIdsPerSession: 10_000 },
  };
}

const presence = (userId: string, status: Presence['status']): Presence => ({
  userId,
  status,
  message: '',
  mobile: false,
});

describe('PresenceHub with WatchSync', () => {
  let sender: RecordingSender;
  let sync: WatchSync;
  let hub: PresenceHub;
  let firstWatchers: number;

  beforeEach(() => {
    vi.useFakeTimers();
    sender = new RecordingSender();
    sync = new WatchSync(sender);
    firstWatchers = 0;
    hub = new PresenceHub(sync, () => firstWatchers++, 1000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits unknown at once, then live values', () => {
    const seen: string[] = [];
    hub.observe('bob').subscribe((p) => seen.push(p.status));
    expect(seen).toEqual(['unknown']);
    hub.update(presence('bob', 'away'));
    hub.update(presence('bob', 'away'));
    hub.update(presence('bob', 'available'));
    expect(seen).toEqual(['unknown', 'away', 'available']);
  });

  it('batches ids from every caller into one frame per tick, split at the limit', () => {
    sender.isReady = true;
    sync.hello(hello(1000), true);
    for (let i = 0; i < 2000; i++) hub.observe(`user${i}`).subscribe();
    hub.observe('user0').subscribe();
    expect(sender.frames).toHaveLength(0);
    vi.advanceTimersByTime(0);
    expect(sender.frames.map((f) => f.add.length)).toEqual([1000, 1000]);
    expect(firstWatchers).toBe(2000);
  });

  it('sends what was wanted before the stream opened when it says hello', () => {
    hub.observe('bob').subscribe();
    hub.observe('carol').subscribe();
    vi.advanceTimersByTime(0);
    expect(sender.frames).toHaveLength(0);
    sender.isReady = true;
    sync.hello(hello(), true);
    expect(sender.frames).toEqual([{ type: 'watch', id: 1, add: ['bob', 'carol'], remove: [] }]);
  });

  it('shares one watch per person and releases it a second after the last subscriber', () => {
    sender.isReady = true;
    sync.hello(hello(), true);
    const a = hub.observe('bob').subscribe();
    const b = hub.observe('bob').subscribe();
    vi.advanceTimersByTime(0);
    expect(sender.frames).toHaveLength(1);
    a.unsubscribe();
    vi.advanceTimersByTime(5000);
    expect(sender.frames).toHaveLength(1);
    b.unsubscribe();
    vi.advanceTimersByTime(999);
    expect(sender.frames).toHaveLength(1);
    // The release lands in that timer; its flush is the next macrotask.
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(1);
    expect(sender.frames[1]).toMatchObject({ add: [], remove: ['bob'] });
  });

  it('does not churn when an element re-attaches within the release delay', () => {
    sender.isReady = true;
    sync.hello(hello(), true);
    const seen: string[] = [];
    hub.observe('bob').subscribe().unsubscribe();
    vi.advanceTimersByTime(0);
    hub.update(presence('bob', 'dnd'));
    vi.advanceTimersByTime(500);
    hub.observe('bob').subscribe((p) => seen.push(p.status));
    vi.advanceTimersByTime(5000);
    expect(sender.frames).toHaveLength(1);
    expect(seen).toEqual(['dnd']);
  });

  it('lets cached values fill in only people the server has not spoken about', () => {
    const bob: string[] = [];
    const carol: string[] = [];
    hub.observe('bob').subscribe((p) => bob.push(p.status));
    hub.observe('carol').subscribe((p) => carol.push(p.status));
    hub.update(presence('bob', 'dnd'));
    hub.seed([presence('bob', 'available'), presence('carol', 'away')]);
    expect(bob).toEqual(['unknown', 'dnd']);
    expect(carol).toEqual(['unknown', 'away']);
  });

  it('shows an impossible id as offline and never sends it', () => {
    sender.isReady = true;
    sync.hello(hello(), true);
    const seen: string[] = [];
    hub.observe('not an id').subscribe((p) => seen.push(p.status));
    hub.observe('').subscribe((p) => seen.push(p.status));
    vi.advanceTimersByTime(0);
    expect(seen).toEqual(['offline', 'offline']);
    expect(sender.frames).toHaveLength(0);
  });

  it('re-watches everyone on a new stream, and resets to unknown on logout', () => {
    sender.isReady = true;
    sync.hello(hello(), true);
    const seen: string[] = [];
    hub.observe('bob').subscribe((p) => seen.push(p.status));
    vi.advanceTimersByTime(0);
    hub.update(presence('bob', 'away'));
    sync.hello({ ...hello(), streamId: 's2' }, true);
    expect(sender.frames.map((f) => f.add)).toEqual([['bob'], ['bob']]);
    hub.reset();
    expect(seen).toEqual(['unknown', 'away', 'unknown']);
  });

  it('follows the own person without watching them: the proxy sends that presence unasked', () => {
    sender.isReady = true;
    sync.hello(hello(), true);
    const seen: string[] = [];
    const own = hub.observe('alice', false).subscribe((p) => seen.push(p.status));
    vi.advanceTimersByTime(0);
    hub.update(presence('alice', 'away'));
    expect(seen).toEqual(['unknown', 'away']);
    expect(sender.frames).toHaveLength(0);
    expect(firstWatchers).toBe(1);
    own.unsubscribe();
    vi.advanceTimersByTime(2000);
    expect(sender.frames).toHaveLength(0);
  });

  it('does not retry adds the proxy refused', () => {
    sender.isReady = true;
    sync.hello(hello(), true);
    hub.observe('bob').subscribe();
    vi.advanceTimersByTime(0);
    sync.reply({ type: 'error', id: 1, error: { code: 'ST_ERR_WATCH_LIMIT', message: '' } });
    hub.observe('carol').subscribe();
    vi.advanceTimersByTime(0);
    expect(sender.frames.map((f) => f.add)).toEqual([['bob'], ['carol']]);
  });
});
