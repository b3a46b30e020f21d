// Names are live names and chats open in a chat window: both are defined with the list.
import '../live-name/define.ts';
import '../chat-window/define.ts';
import { defineElement } from '../shared/define-element.ts';
import { StContactList } from './contact-list.ts';

defineElement('contact-list', StContactList);

declare global {
  interface HTMLElementTagNameMap {
    'st-contact-list': StContactList;
  }
}
