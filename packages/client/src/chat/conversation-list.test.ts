import type { ChatMessage, ConversationSummary } from '@st/protocol/core';
import { describe, expect, it } from 'vitest';
import { ConversationList } from './conversation-list.ts';

const alice = { id: 'alice', displayName: 'Alice' };
const bob = { id: 'bob', displayName: 'Bob' };

function summary(id: string, lastSeq = 0, extra: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    kind: 'im',
    topic: null,
    createdBy: alice,
    createdAt: '2025-01-01T00:00:00.000Z',
    participants: [
      { ...alice, state: 'joined', deliveredSeq: 0, readSeq: 0 },
      { ...bob, state: 'joined', deliveredSeq: 0, readSeq: 0 },
    ],
    lastSeq,
    upgradedFrom: null,
    unread: 0,
    lastMessage: null,
    ...extra,
  };
}

const message = (conversationId: string, seq: number, from = bob): ChatMessage => ({
  id: `${conversationId}.${seq}`,
  seq,
  conversationId,
  from,
  text: `m${seq}`,
  sentAt: new Date(Date.UTC(2025, 0, 1, 0, seq)).toISOString(),
  clientId: null,
});

function list(fetch: (id: string) => Promise<ConversationSummary> = async (id) => summary(id)) {
  return new ConversationList({ me: () => 'alice', fetch, unreadFromTranscript: () => undefined });
}

describe('ConversationList', () => {
  it('counts unread messages from others once, and orders by the last activity', async () => {
    const conversations = list();
    conversations.replace([summary('im_a'), summary('im_b')], conversations.changeCount);
    await conversations.message(message('im_a', 1));
    await conversations.message(message('im_a', 1));
    await conversations.message(message('im_a', 2, alice));
    await conversations.message(message('im_b', 1));
    expect(conversations.get('im_a')).toMatchObject({ unread: 1, lastSeq: 2, lastMessage: { seq: 2 } });
    const order: string[] = [];
    conversations.list$.subscribe((all) => order.splice(0, order.length, ...all.map((c) => c.id)));
    expect(order).toEqual(['im_a', 'im_b']);
    await conversations.message(message('im_b', 5));
    expect(order).toEqual(['im_b', 'im_a']);
  });

  it('clears unread with my read receipt and fetches a conversation it did not know', async () => {
    const fetched: string[] = [];
    const conversations = list(async (id) => {
      fetched.push(id);
      return summary(id, 3, { unread: 3, lastMessage: message(id, 3) });
    });
    await conversations.message(message('im_new', 3));
    expect(fetched).toEqual(['im_new']);
    expect(conversations.get('im_new')?.unread).toBe(3);
    conversations.receipt({ conversationId: 'im_new', userId: 'alice', deliveredSeq: 3, readSeq: 3 });
    expect(conversations.get('im_new')?.unread).toBe(0);
    conversations.receipt({ conversationId: 'im_new', userId: 'bob', deliveredSeq: 2, readSeq: 1 });
    expect(conversations.get('im_new')?.participants.find((p) => p.id === 'bob')).toMatchObject({
      deliveredSeq: 2,
      readSeq: 1,
    });
  });

  it('keeps a conversation I left out, until I am invited again', () => {
    const conversations = list();
    conversations.upsert(summary('nw_x', 0, { kind: 'nway' }));
    conversations.leave('nw_x');
    // An event sent before I left arrives late: it does not bring the conversation back.
    conversations.upsert(summary('nw_x', 0, { kind: 'nway' }), true);
    expect(conversations.get('nw_x')).toBeUndefined();
    conversations.invited('nw_x');
    conversations.upsert(summary('nw_x', 0, { kind: 'nway' }), true);
    expect(conversations.get('nw_x')).toBeDefined();
    // One I am not a participant of is no conversation of mine.
    conversations.upsert({ ...summary('nw_y'), participants: [] }, true);
    expect(conversations.get('nw_y')).toBeUndefined();
  });
});
