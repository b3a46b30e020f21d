// The names in the window's header and participants are live names: defined with it.
import '../live-name/define.ts';
import { defineElement } from '../shared/define-element.ts';
import { StChatWindow } from './chat-window.ts';

defineElement('chat-window', StChatWindow);

declare global {
  interface HTMLElementTagNameMap {
    'st-chat-window': StChatWindow;
  }
}
