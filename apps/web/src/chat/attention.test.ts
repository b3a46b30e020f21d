import type { IncomingMessage } from '@st/client';
import { describe, expect, it } from 'vitest';
import { attentionFor, notificationText } from './attention.ts';

describe('attentionFor', () => {
  it('stays quiet while the page is visible', () => {
    expect(attentionFor({ hidden: false, permission: 'granted', preferences: { sound: true } })).toEqual({
      notify: false,
      sound: false,
    });
  });

  it('notifies once allowed, and plays a sound unless the preference says not to', () => {
    expect(attentionFor({ hidden: true, permission: 'granted', preferences: { sound: false } })).toEqual({
      notify: true,
      sound: false,
    });
    expect(attentionFor({ hidden: true, permission: 'default', preferences: { sound: true } })).toEqual({
      notify: false,
      sound: true,
    });
  });
});

describe('notificationText', () => {
  const message = {
    id: 'nw_x.1',
    seq: 1,
    conversationId: 'nw_x',
    from: { id: 'bob', displayName: 'Bob Brown' },
    text: `Hello\n${'x'.repeat(200)}`,
    sentAt: '',
    clientId: null,
  };
  it('says who wrote where, in at most 140 characters', () => {
    const incoming = {
      message,
      offline: false,
      conversation: { kind: 'nway', topic: 'Release', participants: [] },
    } as unknown as IncomingMessage;
    const text = notificationText(incoming, 'alice');
    expect(text.title).toBe('Bob Brown in Release');
    expect(text.body).toHaveLength(140);
    expect(text.body.startsWith('Hello x')).toBe(true);
    expect(notificationText({ message, offline: false, conversation: undefined }, 'alice').title).toBe(
      'Bob Brown',
    );
  });
});
