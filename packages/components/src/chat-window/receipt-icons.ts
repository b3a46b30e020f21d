import { svg } from 'lit';
import type { Receipt } from './chat-words.ts';

/** A shape per receipt, so colour is never the only difference (drawn in `currentColor`). */
export const RECEIPT_ICONS: Record<Receipt, ReturnType<typeof svg>> = {
  sending: svg`<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/>`,
  failed: svg`<path d="M8 1.5 15 14H1z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/><path d="M8 6v3.5M8 11.5v.5" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/>`,
  sent: svg`<path d="m3 8.5 3 3 7-7" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>`,
  delivered: svg`<path d="m1 8.5 3 3 7-7M7.5 11.5l7-7" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>`,
  read: svg`<circle cx="8" cy="8" r="7.5" fill="currentColor" opacity=".15"/><path d="m1.5 8.5 3 3 7-7M8 11.5l6-6" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>`,
};

export const OFFLINE_ICON = svg`<path d="M2 5h12v8H2zM2 5l6 4.5L14 5" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/>`;
