/** `@st/client/chat`: the chat code for clients made by `@st/client/lean`'s `createClient`. */
import { ChatService } from './chat-service.ts';
import { provideChat } from './chat-slot.ts';

/** Makes `client.chat` work on every client of this copy of the SDK; calling it again does nothing. */
export function installChat(): void {
  provideChat((config) => new ChatService(config));
}
