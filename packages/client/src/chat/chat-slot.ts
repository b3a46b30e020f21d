/**
 * Where the client finds its chat code. The client itself holds no chat: `client.chat` is made on
 * first use by the factory installed here, so a page that never chats (live names, cards) never
 * loads it. `@st/client`'s `createClient` installs it; `@st/client/lean`'s leaves that to
 * `installChat()` (`@st/client/chat`), which a page's chat code calls before using `client.chat`.
 */
import type { ChatService, ChatServiceConfig } from './chat-service.ts';

export type ChatFactory = (config: ChatServiceConfig) => ChatService;

let installed: ChatFactory | undefined;

export function provideChat(factory: ChatFactory): void {
  installed ??= factory;
}

/** The installed factory; throws (naming the fix) when chat was used before it was installed. */
export function chatFactory(): ChatFactory {
  if (!installed) {
    throw new Error(
      'client.chat was used before the chat code was loaded: call installChat() from @st/client/chat first',
    );
  }
  return installed;
}

export function chatInstalled(): boolean {
  return installed !== undefined;
}
