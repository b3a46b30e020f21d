/**
 * A hook for shells around the app. Clicking (or pressing Enter on) a live name fires the
 * cancelable `st-request-chat`; the app first asks its `ChatLauncher` to open a conversation with
 * that person and, when it did, cancels the event and does nothing more. The default launcher opens
 * nothing, and the app opens the chat in a tab of its own.
 */
import type { RequestChatDetail } from '@st/components';

export interface ChatLauncher {
  /** Open (or bring forward) a conversation with `peerId`; true when this launcher handled it. */
  open(peerId: string): boolean;
}

/** The default: leave every chat to the app's own tabs. */
export const NO_CHAT_YET: ChatLauncher = {
  open: () => false,
};

/**
 * Hands a `st-request-chat` event to the launcher; returns whether it opened a chat (and so
 * cancelled the event).
 */
export function routeChatRequest(event: CustomEvent<RequestChatDetail>, launcher: ChatLauncher): boolean {
  const peer = event.detail?.userId;
  if (!peer || !launcher.open(peer)) return false;
  event.preventDefault();
  return true;
}
