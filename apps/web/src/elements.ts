/**
 * Registers the app's own elements. Defining is all it does; call it before mounting.
 * A second call (or a second copy of the app) leaves the first definitions in place.
 */
import { AddContact } from './views/add-contact.ts';
import { AnnouncementsDialog } from './views/announcements-dialog.ts';
import { ChatArea } from './views/chat-area.ts';
import { ConnectionIndicator } from './views/connection-indicator.ts';
import { ContactList } from './views/contact-list.ts';
import { ContactNicknameDialog } from './views/contact-nickname-dialog.ts';
import { ConversationList } from './views/conversation-list.ts';
import { LoginView } from './views/login-view.ts';
import { NewChatDialog } from './views/new-chat-dialog.ts';
import { PeoplePicker } from './views/people-picker.ts';
import { PreferencesDialog } from './views/preferences-dialog.ts';
import { PrivacyDialog } from './views/privacy-dialog.ts';
import { SignedInShell } from './views/signed-in-shell.ts';
import { WebApp } from './views/web-app.ts';

export const APP_ELEMENTS = {
  'st-web-app': WebApp,
  'st-web-login': LoginView,
  'st-web-shell': SignedInShell,
  'st-web-connection': ConnectionIndicator,
  'st-web-contacts': ContactList,
  'st-web-contact-nickname': ContactNicknameDialog,
  'st-web-add-contact': AddContact,
  'st-web-conversations': ConversationList,
  'st-web-chats': ChatArea,
  'st-web-people-picker': PeoplePicker,
  'st-web-new-chat': NewChatDialog,
  'st-web-preferences': PreferencesDialog,
  'st-web-privacy': PrivacyDialog,
  'st-web-announcements': AnnouncementsDialog,
} as const;

export function defineAppElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of Object.entries(APP_ELEMENTS)) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'st-web-app': WebApp;
    'st-web-login': LoginView;
    'st-web-shell': SignedInShell;
    'st-web-contact-nickname': ContactNicknameDialog;
    'st-web-connection': ConnectionIndicator;
    'st-web-contacts': ContactList;
    'st-web-add-contact': AddContact;
    'st-web-conversations': ConversationList;
    'st-web-chats': ChatArea;
    'st-web-people-picker': PeoplePicker;
    'st-web-new-chat': NewChatDialog;
    'st-web-preferences': PreferencesDialog;
    'st-web-privacy': PrivacyDialog;
    'st-web-announcements': AnnouncementsDialog;
  }
}
