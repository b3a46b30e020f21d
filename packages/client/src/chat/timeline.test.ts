import type { ChatMessage } from '@st/protocol/core';
import { describe, expect, it } from 'vitest';
import { mergeMessages, timelineOf, unreadAfter } from './timeline.ts';

const alice = { id: 'alice', displayName: 'Alice' };
const bob = { id: 'bob', displayName: 'Bob' };

function message(seq: number, from = bob, clientId: string | null = null): ChatMessage {
  return {
    id: `im_x.${seq}`,
    seq,
    conversationId: 'im_x',
    from,
    text: `m${seq}`,
    sentAt: new Date(seq * 1000).toISOString(),
    clientId,
  };
}
const seqs = (list: { seq: number }[]) => list.map((m) => m.seq);

describe('mergeMessages', () => {
  it('appends newer messages and prepends an older page without re-sorting', () => {
    const start = [message(5), message(6)];
    expect(seqs(mergeMessages(start, [message(7)]))).toEqual([5, 6, 7]);
    expect(seqs(mergeMessages(start, [message(2), message(3), message(4)]))).toEqual([2, 3, 4, 5, 6]);
  });

  it('keeps one message per seq when a replay, a page and live events overlap', () => {
    const start = [message(1), message(2), message(3)];
    const merged = mergeMessages(start, [message(3), message(2), message(4), message(4), message(1)]);
    expect(seqs(merged)).toEqual([1, 2, 3, 4]);
    // The copy already held is kept (the same object: views need not re-render it).
    expect(merged[0]).toBe(start[0]);
  });

  it('fills a hole in the middle and sorts unordered input', () => {
    expect(seqs(mergeMessages([message(1), message(5)], [message(4), message(2), message(3)]))).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(seqs(mergeMessages([], [message(9), message(8), message(9)]))).toEqual([8, 9]);
  });

  it('returns the same list when nothing came in', () => {
    const start = [message(1)];
    expect(mergeMessages(start, [])).toBe(start);
  });
});

describe('timelineOf', () => {
  it('puts outbox messages after the stored ones until their stored copy arrives', () => {
    const pending = [
      { clientId: 'c-1', text: 'hello', queuedAt: 10_000, failed: undefined },
      { clientId: 'c-2', text: 'too long', queuedAt: 11_000, failed: 'A message may have at most…' },
    ];
    const before = timelineOf('im_x', [message(1)], new Set([1]), pending, alice);
    expect(before.map((m) => [m.seq, m.state, m.offline])).toEqual([
      [1, 'sent', true],
      [0, 'sending', false],
      [0, 'failed', false],
    ]);
    expect(before[2]?.error).toMatch(/at most/);
    const stored = message(2, alice, 'c-1');
    const after = timelineOf('im_x', [message(1), stored], new Set(), pending, alice);
    expect(after.map((m) => [m.seq, m.clientId, m.state])).toEqual([
      [1, null, 'sent'],
      [2, 'c-1', 'sent'],
      [0, 'c-2', 'failed'],
    ]);
  });

  it('matches client ids of my own messages only', () => {
    const pending = [{ clientId: 'c-1', text: 'hi', queuedAt: 0, failed: undefined }];
    const theirs = message(1, bob, 'c-1');
    expect(timelineOf('im_x', [theirs], new Set(), pending, alice)).toHaveLength(2);
  });
});

describe('unreadAfter', () => {
  it('counts messages from others after the read position', () => {
    const list = [message(1), message(2, alice), message(3), message(4)];
    expect(unreadAfter(list, 0, 'alice')).toBe(3);
    expect(unreadAfter(list, 2, 'alice')).toBe(2);
    expect(unreadAfter(list, 4, 'alice')).toBe(0);
  });
});
