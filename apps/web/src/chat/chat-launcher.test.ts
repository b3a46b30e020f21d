import type { RequestChatDetail } from '@st/components';
import { describe, expect, it } from 'vitest';
import { type ChatLauncher, NO_CHAT_YET, routeChatRequest } from './chat-launcher.ts';

function chatRequest(userId: string): CustomEvent<RequestChatDetail> {
  return new CustomEvent('st-request-chat', { detail: { userId }, cancelable: true });
}

describe('routeChatRequest', () => {
  it('hands the person to the launcher and cancels the event when a chat opened', () => {
    const opened: string[] = [];
    const launcher: ChatLauncher = {
      open: (peer) => {
        opened.push(peer);
        return true;
      },
    };
    const event = chatRequest('bob');
    expect(routeChatRequest(event, launcher)).toBe(true);
    expect(opened).toEqual(['bob']);
    expect(event.defaultPrevented).toBe(true);
  });

  it('leaves the event alone while there is no chat to open', () => {
    const event = chatRequest('bob');
    expect(routeChatRequest(event, NO_CHAT_YET)).toBe(false);
    expect(event.defaultPrevented).toBe(false);
  });
});
