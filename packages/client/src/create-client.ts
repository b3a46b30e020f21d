import { installChat } from './chat/install.ts';
import { createClient as createLeanClient } from './client.ts';
import type { ClientOptions, StClient } from './types.ts';

/** Makes a client with everything, chat included (`@st/client/lean` leaves chat out). */
export function createClient(options: ClientOptions = {}): StClient {
  installChat();
  return createLeanClient(options);
}
