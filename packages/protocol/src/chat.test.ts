import { describe, expect, it } from 'vitest';
import {
  ClientMessageId,
  ConversationId,
  CreateConversationRequest,
  HistoryQuery,
  SendMessageRequest,
} from './chat.ts';
import { isConversationId, isSendableText, messageCharacters } from './chat-rules.ts';
import { LIMITS } from './limits.ts';

describe('chat rules', () => {
  it('count characters as code points, so an emoji is one', () => {
    expect(messageCharacters('abc')).toBe(3);
    expect(messageCharacters('😀👍🏽')).toBe(3);
    expect(isSendableText('😀'.repeat(LIMITS.messageLength))).toBe(true);
    expect(isSendableText('a'.repeat(LIMITS.messageLength + 1))).toBe(false);
    expect(isSendableText(' \n\t')).toBe(false);
  });

  it('know conversation ids by their shape', () => {
    expect(isConversationId('im_0123456789abcdefABCD')).toBe(true);
    expect(isConversationId('nw_0123456789abcdef-_')).toBe(true);
    expect(isConversationId('an_0123456789abcdefABCD')).toBe(false);
    expect(isConversationId('im_short')).toBe(false);
    expect(ConversationId.safeParse('nw_../../etc/passwd00').success).toBe(false);
  });
});

describe('chat schemas', () => {
  it('refuse blank text, unknown fields and client ids with spaces or beyond the limit', () => {
    expect(SendMessageRequest.safeParse({ text: 'hi', clientId: 'c-1' }).success).toBe(true);
    expect(SendMessageRequest.safeParse({ text: '  ' }).success).toBe(false);
    expect(SendMessageRequest.safeParse({ text: 'hi', extra: 1 }).success).toBe(false);
    expect(ClientMessageId.safeParse('has space').success).toBe(false);
    expect(ClientMessageId.safeParse('x'.repeat(LIMITS.clientIdLength + 1)).success).toBe(false);
  });

  it('bound participants and refuse a history query going both ways', () => {
    const many = Array.from({ length: LIMITS.conversationParticipants }, (_, i) => `p${i}`);
    expect(CreateConversationRequest.safeParse({ participants: many.slice(1) }).success).toBe(true);
    expect(CreateConversationRequest.safeParse({ participants: many }).success).toBe(false);
    expect(CreateConversationRequest.safeParse({ participants: [] }).success).toBe(false);
    expect(HistoryQuery.safeParse({ before: '5', limit: '10' }).data).toEqual({ before: 5, limit: 10 });
    expect(HistoryQuery.safeParse({ before: '5', after: '2' }).success).toBe(false);
  });
});
