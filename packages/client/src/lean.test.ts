import { describe, expect, it } from 'vitest';
import { installChat } from './chat/install.ts';
import { createClient } from './lean.ts';

describe('a client without the chat code', () => {
  it('has no chat until the chat code is installed, then makes it once', () => {
    const client = createClient({ server: 'http://127.0.0.1:9', storage: false });
    expect(() => client.chat).toThrow(/installChat\(\) from @st\/client\/chat/);
    installChat();
    const chat = client.chat;
    expect(chat.conversations$).toBeDefined();
    expect(client.chat).toBe(chat);
    client.close();
  });
});
