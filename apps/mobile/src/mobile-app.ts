/**
 * The mobile app: the hosted client (`mountWebApp`) on an SDK client made for a phone (a mobile
 * session, Bearer token kept across launches), with the phone's pieces wired in by MobileSession.
 * `main.ts` starts it with Capacitor's plugins; tests and the browser harness with doubles.
 */
import { createClient, type StClient, type WebSocketCtor } from '@st/client';
import { type ChatLauncher, type MountedApp, mountWebApp } from '@st/web';
import { type ConversationOpener, MobileSession } from './mobile-session.ts';
import type { MobilePlatform } from './platform/types.ts';
import { ProxyApi } from './proxy-api.ts';
import { TokenKeeper } from './token-keeper.ts';

/** A chat launcher that may also open conversations by id (the chat UI's, when it has one). */
export type MobileChatLauncher = ChatLauncher & Partial<ConversationOpener>;

/** Fired on the app's element when a notification asks for a conversation no launcher opened. */
export const OPEN_CONVERSATION_EVENT = 'st-open-conversation';

export interface MobileAppOptions {
  platform: MobilePlatform;
  /** The proxy's origin, e.g. `https://st.example.com`. */
  server: string;
  root?: HTMLElement;
  chatLauncher?: MobileChatLauncher;
  appId?: string;
  /** For Node tests (`ws`); a web view has its own. */
  WebSocket?: WebSocketCtor;
  onError?: (error: unknown) => void;
  /** Told of every conversation a tapped notification opens (diagnostics, tests). */
  onOpenConversation?: (conversationId: string) => void;
}

export interface MobileApp {
  client: StClient;
  app: MountedApp;
  session: MobileSession;
  stop(): void;
}

export async function startMobileApp(options: MobileAppOptions): Promise<MobileApp> {
  const keeper = await TokenKeeper.load(options.platform.storage);
  const client = createClient({
    server: options.server,
    client: 'mobile',
    // The web view is another site than the proxy: no cookie travels, the token does.
    useLoginToken: true,
    fetch: keeper.fetch,
    storage: false,
    ...(keeper.token ? { token: keeper.token } : {}),
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
  });
  const app = mountWebApp({
    client,
    ...(options.root ? { root: options.root } : {}),
    ...(options.chatLauncher ? { chatLauncher: options.chatLauncher } : {}),
  });
  const launcher = options.chatLauncher;
  const opener: ConversationOpener = {
    openConversation(conversationId) {
      options.onOpenConversation?.(conversationId);
      if (launcher?.openConversation) {
        launcher.openConversation(conversationId);
        return;
      }
      // The hosted client's own chat tabs show it; before a login, a page around it may listen.
      if (app.openConversation(conversationId)) return;
      app.element.dispatchEvent(
        new CustomEvent(OPEN_CONVERSATION_EVENT, {
          detail: { conversationId },
          bubbles: true,
          composed: true,
        }),
      );
    },
  };
  const session = new MobileSession({
    client,
    api: new ProxyApi(options.server, () => keeper.token),
    platform: options.platform,
    opener,
    appId: options.appId,
    onError: options.onError ?? ((error) => console.warn('st-proxy mobile:', error)),
  });
  session.start();
  return {
    client,
    app,
    session,
    stop() {
      session.stop();
      app.unmount();
      client.close();
    },
  };
}
