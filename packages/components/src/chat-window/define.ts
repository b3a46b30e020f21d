// The names in the window's header and participants are live names, and "Add people" is a
// person search: defined with it.
import '../live-name/define.ts';
import '../person-search/define.ts';
import { defineElement } from '../shared/define-element.ts';
import { StChatWindow } from './chat-window.ts';

defineElement('chat-window', StChatWindow);

declare global {
  interface HTMLElementTagNameMap {
    'st-chat-window': StChatWindow;
  }
}
