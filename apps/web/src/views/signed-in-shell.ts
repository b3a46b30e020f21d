/**
 * `<st-web-shell>`: what a logged-in person sees. A header (own live name, status, connection,
 * announcements, preferences, privacy, log out), a side column with the chats and the contact list,
 * and the open chats as tabs. At phone widths one of the two fills the screen: the lists, or a chat
 * with a Back button. Everything sits inside `<st-session>` so the elements use the app's client.
 */
import type { Preferences } from '@st/client';
import type { RequestChatDetail } from '@st/components';
import { html, LitElement, type PropertyValues } from 'lit';
import { type ChatLauncher, NO_CHAT_YET, routeChatRequest } from '../chat/chat-launcher.ts';
import { ChatTabs, type ChatTarget } from '../chat/chat-tabs.ts';
import { IncomingChats } from '../chat/incoming-chats.ts';
import { ObservableController } from '../lib/observable-controller.ts';
import { APP_NAME, type SignedInUser } from '../session/session-view.ts';
import type { WebClient } from '../web-client.ts';
import type { AppDialog } from './app-dialog.ts';
import { type ChatArea, ShowContactsEvent } from './chat-area.ts';
import { NewGroupChatEvent, OpenChatEvent } from './conversation-list.ts';
import './signed-in-shell.css';

/** Fired by the Log out button; the app passes it on to the session flow. */
export class LogoutRequestEvent extends Event {
  static readonly type = 'st-web-logout';
  constructor() {
    super(LogoutRequestEvent.type, { bubbles: true, composed: true });
  }
}

/** Which half fills a phone's screen. */
type PhoneView = 'lists' | 'chat';

export class SignedInShell extends LitElement {
  static override properties = {
    client: { attribute: false },
    user: { attribute: false },
    chatLauncher: { attribute: false },
    signingOut: { attribute: false },
  };

  declare client: WebClient;
  declare user: SignedInUser;
  declare chatLauncher: ChatLauncher;
  declare signingOut: boolean;
  readonly tabs = new ChatTabs(() => this.user?.id ?? '');
  readonly #preferences = new ObservableController<Preferences>(this);
  #incoming: IncomingChats | undefined;
  #view: PhoneView = 'lists';

  constructor() {
    super();
    this.chatLauncher = NO_CHAT_YET;
    this.signingOut = false;
    this.addEventListener(OpenChatEvent.type, (event) => this.openChat((event as OpenChatEvent).chat));
    this.addEventListener(NewGroupChatEvent.type, () => void this.#dialog('st-web-new-chat')?.open());
    this.addEventListener(ShowContactsEvent.type, () => this.#showLists());
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#incoming?.stop();
    this.#incoming = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) {
      this.#preferences.observe(this.client?.settings.preferences$);
      this.#incoming?.stop();
      this.tabs.clear();
      this.#incoming = this.client
        ? new IncomingChats({
            client: this.client,
            tabs: this.tabs,
            myId: this.user.id,
            reveal: (target) => this.openChat(target),
          })
        : undefined;
      this.#incoming?.start();
    }
  }

  /**
   * Land keyboard and screen-reader users at the start of the contact list after logging in.
   * Waits for this element and the list inside it to render: the app calls this in the same turn
   * that puts the shell on the page.
   */
  override focus(): void {
    void this.updateComplete.then(async () => {
      await this.querySelector('st-web-contacts')?.updateComplete;
      this.querySelector<HTMLElement>('#contacts-heading')?.focus();
    });
  }

  /** Shows a chat (opening its tab) and puts the keyboard in its message box. */
  openChat(target: ChatTarget): void {
    this.tabs.open(target, true);
    this.#view = 'chat';
    this.requestUpdate();
    void this.updateComplete.then(() => this.querySelector<ChatArea>('st-web-chats')?.focusActive());
  }

  #showLists(): void {
    this.#view = 'lists';
    this.requestUpdate();
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('#contacts-heading')?.focus());
  }

  #dialog(tag: string): AppDialog | null {
    return this.querySelector<AppDialog>(tag);
  }

  /** Any live name on the screen may ask for a chat; one's own name has nobody to chat with. */
  #onRequestChat(event: CustomEvent<RequestChatDetail>): void {
    const peer = event.detail?.userId;
    if (!peer || peer === this.user.id) return;
    // A shell around the app (the mobile one) may open chats its own way.
    if (routeChatRequest(event, this.chatLauncher)) return;
    event.preventDefault();
    this.openChat({ peer });
  }

  protected override render() {
    const busy = this.signingOut;
    const hideOffline = this.#preferences.value?.hideOfflineContacts === true;
    return html`
      <st-session .client=${this.client}>
        <div class="shell shell--${this.#view}" @st-request-chat=${this.#onRequestChat}>
          <header class="shell__header">
            <div class="shell__bar">
              <h1 class="brand"><span class="brand-mark" aria-hidden="true"></span><span class="brand-name">${APP_NAME}</span></h1>
              <st-web-connection class="shell__connection" .state$=${this.client.state$}></st-web-connection>
              <button class="button shell__logout" type="button" aria-disabled=${busy ? 'true' : 'false'}
                @click=${() => busy || this.dispatchEvent(new LogoutRequestEvent())}>
                ${busy ? 'Logging out…' : 'Log out'}
              </button>
            </div>
            <div class="shell__me">
              <p class="shell__whoami"><span class="visually-hidden">Logged in as </span><st-live-name user-id=${this.user.id}></st-live-name></p>
              <st-status-picker></st-status-picker>
            </div>
            <nav class="shell__tools" aria-label="Settings">
              <button class="text-button" type="button" @click=${() => void this.#dialog('st-web-announcements')?.open()}>Announcements</button>
              <button class="text-button" type="button" @click=${() => void this.#dialog('st-web-preferences')?.open()}>Preferences</button>
              <button class="text-button" type="button" @click=${() => void this.#dialog('st-web-privacy')?.open()}>Privacy</button>
            </nav>
          </header>
          <div class="shell__body">
            <nav class="shell__nav" aria-label="Chats and contacts">
              <st-web-conversations .client=${this.client} .user=${this.user}></st-web-conversations>
              <st-web-contacts .client=${this.client} .hideOffline=${hideOffline}></st-web-contacts>
            </nav>
            <main class="shell__main" id="main" aria-labelledby="chats-heading">
              <st-web-chats .client=${this.client} .tabs=${this.tabs} .user=${this.user}></st-web-chats>
            </main>
          </div>
        </div>
        <st-web-new-chat .client=${this.client} .user=${this.user}></st-web-new-chat>
        <st-web-preferences .client=${this.client}></st-web-preferences>
        <st-web-privacy .client=${this.client}></st-web-privacy>
        <st-web-announcements .client=${this.client} .user=${this.user}></st-web-announcements>
      </st-session>
    `;
  }
}
