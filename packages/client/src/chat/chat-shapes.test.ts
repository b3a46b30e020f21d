import { describe, expect, it } from 'vitest';
import { parseFrame } from '../frames.ts';
import { readChatEvent } from './chat-shapes.ts';

const message = {
  id: 'im_abcdefghijklmnop.1',
  seq: 1,
  conversationId: 'im_abcdefghijklmnop',
  from: { id: 'bob', displayName: 'Bob' },
  text: 'hi',
  sentAt: '2025-01-01T00:00:00.000Z',
  clientId: 'c-1',
};

describe('chat events on the stream', () => {
  it('reads each chat event, and the preferences and privacy events, with their seq', () => {
    expect(parseFrame(JSON.stringify({ seq: 4, type: 'message', message, offline: true }))).toEqual({
      type: 'chat',
      seq: 4,
      event: { seq: 4, type: 'message', message, offline: true },
    });
    const typing = {
      seq: 5,
      type: 'typing',
      conversationId: 'im_x',
      userId: 'bob',
      typing: true,
      ttlMs: 10_000,
    };
    expect(parseFrame(JSON.stringify(typing))).toMatchObject({ type: 'chat', seq: 5 });
    const privacy = { seq: 6, type: 'privacy', privacy: { mode: 'only-these', people: ['bob'] } };
    expect(parseFrame(JSON.stringify(privacy))).toEqual({ type: 'settings', seq: 6, event: privacy });
  });

  it('keeps a malformed chat event in the sequence without using it', () => {
    expect(parseFrame(JSON.stringify({ seq: 7, type: 'message', message: { text: 'no seq' } }))).toEqual({
      type: 'other-event',
      seq: 7,
    });
    expect(
      readChatEvent({ type: 'receipt', conversationId: 'x', userId: 'bob', deliveredSeq: -1, readSeq: 0 }),
    ).toBe(null);
    expect(
      parseFrame(JSON.stringify({ seq: 8, type: 'preferences', preferences: { sound: 'yes' } })),
    ).toEqual({
      type: 'other-event',
      seq: 8,
    });
  });
});
