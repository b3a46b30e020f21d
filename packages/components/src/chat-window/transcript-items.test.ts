import type { ConversationNotice, TimelineMessage } from '@st/client';
import { describe, expect, it } from 'vitest';
import { composerKey, transcriptItems } from './transcript-items.ts';

const bob = { id: 'bob', displayName: 'Bob' };
const alice = { id: 'alice', displayName: 'Alice' };
const message = (seq: number, from = bob): TimelineMessage => ({
  id: `c.${seq}`,
  seq,
  conversationId: 'c',
  from,
  text: `m${seq}`,
  sentAt: '',
  clientId: seq === 0 ? 'c-pending' : null,
  offline: false,
  state: seq === 0 ? 'sending' : 'sent',
});
const notice = (afterSeq: number): ConversationNotice => ({
  change: 'joined',
  by: bob,
  people: [bob],
  afterSeq,
  at: `t${afterSeq}`,
});

const shape = (items: ReturnType<typeof transcriptItems>['items']) =>
  items.map((i) =>
    i.kind === 'message' ? `${i.message.seq}${i.firstOfRun ? '*' : ''}` : `n${i.notice.afterSeq}`,
  );

describe('transcriptItems', () => {
  it('places notices after the message they followed and marks runs of one sender', () => {
    const messages = [message(1), message(2), message(3, alice), message(0, alice)];
    const { items, hidden } = transcriptItems(messages, [notice(0), notice(2), notice(9)], 100);
    expect(hidden).toBe(0);
    expect(shape(items)).toEqual(['n0', '1*', '2', 'n2', '3*', '0', 'n9']);
  });

  it('shows a window of the newest messages and the notices within it', () => {
    const messages = [1, 2, 3, 4, 5].map((seq) => message(seq));
    const { items, hidden } = transcriptItems(messages, [notice(1), notice(4)], 2);
    expect(hidden).toBe(3);
    expect(shape(items)).toEqual(['4*', 'n4', '5*']);
  });
});

describe('composerKey', () => {
  const key = (init: Partial<KeyboardEvent>) =>
    composerKey({
      key: 'Enter',
      shiftKey: false,
      isComposing: false,
      altKey: false,
      ctrlKey: false,
      metaKey: false,
      ...init,
    });
  it('sends on Enter, breaks the line on Shift+Enter, leaves composition alone', () => {
    expect(key({})).toBe('send');
    expect(key({ shiftKey: true })).toBe('newline');
    expect(key({ isComposing: true })).toBe('none');
    expect(key({ key: 'a' })).toBe('none');
  });
});
