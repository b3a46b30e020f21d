/**
 * `@st/client/lean`: `createClient` without the chat code, for pages that show presence and cards.
 * `client.chat` works once `installChat()` from `@st/client/chat` has run (a page's chat code loads
 * it when it needs it); the rest of the SDK is `@st/client`'s.
 */
export { createClient } from './client.ts';
