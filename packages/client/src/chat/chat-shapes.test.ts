import { describe, expect, it } from 'vitest';
import { parseFrame } from '../frames.ts';
import { isPreferences, isPrivacyList, readChatEvent } from './chat-shapes.ts';

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
    const event = { seq: 4, type: 'message', message, offline: true };
    expect(parseFrame(JSON.stringify(event))).toEqual({ type: 'event', seq: 4, body: event });
    expect(readChatEvent(event)).toEqual(event);
    const typing = {
      seq: 5,
      type: 'typing',
      conversationId: 'im_x',
      userId: 'bob',
      typing: true,
      ttlMs: 10_000,
    };
    expect(readChatEvent(typing)).toMatchObject({ type: 'typing', seq: 5 });
    const privacy = { seq: 6, type: 'privacy', privacy: { mode: 'only-these', people: ['bob'] } };
    expect(readChatEvent(privacy)).toBe(null);
    expect(isPrivacyList(privacy.privacy)).toBe(true);
  });

  it('keeps a malformed chat event in the sequence without using it', () => {
    const broken = { seq: 7, type: 'message', message: { text: 'no seq' } };
    expect(parseFrame(JSON.stringify(broken))).toEqual({ type: 'event', seq: 7, body: broken });
    expect(readChatEvent(broken)).toBe(null);
    expect(
      readChatEvent({ type: 'receipt', conversationId: 'x', userId: 'bob', deliveredSeq: -1, readSeq: 0 }),
    ).toBe(null);
    expect(isPreferences({ sound: 'yes' })).toBe(false);
  });
});
