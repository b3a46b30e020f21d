/**
 * The hosted client as a library: the browser entry (`main.ts`) and the mobile shell both mount it
 * with a client of their own making.
 */
import { type ChatLauncher, NO_CHAT_YET } from './chat/chat-launcher.ts';
import { defineAppElements } from './elements.ts';
import { SessionFlow } from './session/session-flow.ts';
import type { SignedInShell } from './views/signed-in-shell.ts';
import type { WebApp } from './views/web-app.ts';
import type { WebClient } from './web-client.ts';

export type { ChatLauncher } from './chat/chat-launcher.ts';
export { SessionFlow } from './session/session-flow.ts';
export type { WebClient } from './web-client.ts';

export interface MountOptions {
  client: WebClient;
  /** Where the app goes; `document.body` by default. */
  root?: HTMLElement;
  /** Opens a conversation its own way when a contact asks for one (default: the app's tabs). */
  chatLauncher?: ChatLauncher;
}

export interface MountedApp {
  element: WebApp;
  flow: SessionFlow;
  /** Take the app off the page and stop following the session. */
  unmount(): void;
  /**
   * Show a conversation (a tapped push notification, a deep link); false while nobody is logged
   * in, so the caller can keep it for later.
   */
  openConversation(conversationId: string): boolean;
}

/** Define the elements, put `<st-web-app>` on the page and resume the session (a reload stays logged in). */
export function mountWebApp(options: MountOptions): MountedApp {
  defineAppElements();
  const flow = new SessionFlow(options.client);
  const element = document.createElement('st-web-app');
  element.client = options.client;
  element.flow = flow;
  element.chatLauncher = options.chatLauncher ?? NO_CHAT_YET;
  (options.root ?? document.body).append(element);
  void flow.start();
  return {
    element,
    flow,
    unmount() {
      element.remove();
      flow.dispose();
    },
    openConversation(conversationId) {
      const shell = element.querySelector<SignedInShell>('st-web-shell');
      shell?.openChat({ conversationId });
      return shell !== null;
    },
  };
}
