/**
 * Registers the app's own elements. Defining is all it does; call it before mounting.
 * A second call (or a second copy of the app) leaves the first definitions in place.
 */
import { AddContact } from './views/add-contact.ts';
import { ConnectionIndicator } from './views/connection-indicator.ts';
import { ContactList } from './views/contact-list.ts';
import { LoginView } from './views/login-view.ts';
import { SignedInShell } from './views/signed-in-shell.ts';
import { WebApp } from './views/web-app.ts';

export const APP_ELEMENTS = {
  'st-web-app': WebApp,
  'st-web-login': LoginView,
  'st-web-shell': SignedInShell,
  'st-web-connection': ConnectionIndicator,
  'st-web-contacts': ContactList,
  'st-web-add-contact': AddContact,
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
    'st-web-connection': ConnectionIndicator;
    'st-web-contacts': ContactList;
    'st-web-add-contact': AddContact;
  }
}
