import type { Presence, SettableStatus } from '@st/protocol/core';
import type { CardRequestReason } from './live-name/live-name.ts';

/** `st-request-chat`: someone asked to chat with this person (cancelable). */
export interface RequestChatDetail {
  userId: string;
}

/** `st-request-card`: where the business card opens (cancelable). */
export interface RequestCardDetail {
  userId: string;
  reason: CardRequestReason;
}

/** `st-status-saved`: the proxy accepted one's own new status. */
export interface StatusSavedDetail {
  status: SettableStatus;
  message: string;
}

declare global {
  interface HTMLElementEventMap {
    'st-presence-change': CustomEvent<Presence>;
    'st-request-chat': CustomEvent<RequestChatDetail>;
    'st-request-card': CustomEvent<RequestCardDetail>;
    'st-status-saved': CustomEvent<StatusSavedDetail>;
  }
}
