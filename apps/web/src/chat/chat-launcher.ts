/**
 * The hook where chat plugs in. Clicking (or pressing Enter on) a live name fires the cancelable
 * `st-request-chat`; the app asks its `ChatLauncher` to open a conversation with that person and,
 * when it did, cancels the event so the element does nothing more. Until chat arrives the launcher
 * opens nothing and the element's own default stands.
 */
import type { RequestChatDetail } from '@st/components';

export interface ChatLauncher {
  /** Open (or bring forward) a conversation with `peerId`; true when this launcher handled it. */
  open(peerId: string): boolean;
}

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
