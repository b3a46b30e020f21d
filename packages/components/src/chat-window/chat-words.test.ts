import type { ConversationSummary, TimelineMessage } from '@st/client';
import { describe, expect, it } from 'vitest';
import { conversationTitle, noticeWords, receiptOf, typingWords } from './chat-words.ts';

const alice = { id: 'alice', displayName: 'Alice Andersson' };
const bob = { id: 'bob', displayName: 'Bob Brown' };
const carol = { id: 'carol', displayName: 'Carol Chen' };

function conversation(positions: Record<string, [delivered: number, read: number]>): ConversationSummary {
  return {
    id: 'nw_x',
    kind: Object.keys(positions).length > 2 ? 'nway' : 'im',
    topic: null,
    createdBy: alice,
    createdAt: '2025-01-01T00:00:00Z',
    lastSeq: 3,
    upgradedFrom: null,
    unread: 0,
    lastMessage: null,
    participants: Object.entries(positions).map(([id, [deliveredSeq, readSeq]]) => ({
      id,
      displayName: id,
      state: 'joined' as const,
      deliveredSeq,
      readSeq,
    })),
  };
}

const mine = (seq: number, state: TimelineMessage['state'] = 'sent'): TimelineMessage => ({
  id: `x.${seq}`,
  seq,
  conversationId: 'nw_x',
  from: alice,
  text: 'hi',
  sentAt: '2025-01-01T00:00:00Z',
  clientId: null,
  offline: false,
  state,
});

describe('typingWords', () => {
  it('names one or two typists and counts more', () => {
    expect(typingWords([])).toBe('');
    expect(typingWords([bob])).toBe('Bob is typing…');
    expect(typingWords([bob, carol])).toBe('Bob and Carol are typing…');
    expect(typingWords([bob, carol, alice])).toBe('3 people are typing…');
  });
});

describe('receiptOf', () => {
  it('says sent, delivered and read in a 1:1', () => {
    expect(receiptOf(mine(2), conversation({ alice: [2, 2], bob: [1, 1] }), 'alice').words).toBe('Sent');
    expect(receiptOf(mine(2), conversation({ alice: [2, 2], bob: [2, 1] }), 'alice').words).toBe('Delivered');
    expect(receiptOf(mine(2), conversation({ alice: [2, 2], bob: [3, 3] }), 'alice')).toEqual({
      receipt: 'read',
      words: 'Read',
    });
    expect(receiptOf(mine(0, 'sending'), undefined, 'alice').words).toBe('Sending…');
    expect(receiptOf(mine(0, 'failed'), undefined, 'alice').receipt).toBe('failed');
  });

  it('counts readers in an N-way conversation', () => {
    const c = conversation({ alice: [3, 3], bob: [3, 3], carol: [3, 0] });
    expect(receiptOf(mine(3), c, 'alice').words).toBe('Read by 1 of 2');
    expect(
      receiptOf(mine(3), conversation({ alice: [3, 3], bob: [3, 3], carol: [3, 3] }), 'alice').words,
    ).toBe('Read by everyone');
    expect(
      receiptOf(mine(3), conversation({ alice: [3, 3], bob: [3, 0], carol: [0, 0] }), 'alice').words,
    ).toBe('Delivered to 1 of 2');
  });
});

describe('noticeWords and conversationTitle', () => {
  const notice = { afterSeq: 0, at: '' };
  it('says who did what', () => {
    expect(noticeWords({ ...notice, change: 'joined', by: carol, people: [carol] }, 'alice')).toBe(
      'Carol Chen joined',
    );
    expect(noticeWords({ ...notice, change: 'invited', by: alice, people: [bob, carol] }, 'alice')).toBe(
      'You invited Bob Brown and Carol Chen',
    );
    expect(noticeWords({ ...notice, change: 'topic', by: bob, people: [] }, 'alice')).toBe(
      'Bob Brown changed the topic',
    );
  });

  it('titles a conversation by topic, else by the others', () => {
    const c = conversation({ alice: [0, 0], bob: [0, 0], carol: [0, 0] });
    expect(conversationTitle(c, 'alice')).toBe('bob and carol');
    expect(conversationTitle({ ...c, topic: 'Release' }, 'alice')).toBe('Release');
    expect(conversationTitle(undefined, 'alice', 'Bob')).toBe('Bob');
  });
});
