/**
 * `<st-web-shell>`: what a logged-in person sees. A header (own live name, status, connection,
 * log out), the contact list as navigation, and the main area where conversations will open.
 * Everything sits inside `<st-session>` so the elements use the app's own client.
 */
import type { RequestChatDetail } from '@st/components';
import { html, LitElement } from 'lit';
import { type ChatLauncher, NO_CHAT_YET, routeChatRequest } from '../chat/chat-launcher.ts';
import { APP_NAME, type SignedInUser } from '../session/session-view.ts';
import type { WebClient } from '../web-client.ts';
import './signed-in-shell.css';

/** Fired by the Log out button; the app passes it on to the session flow. */
export class LogoutRequestEvent extends Event {
  static readonly type = 'st-web-logout';
  constructor() {
    super(LogoutRequestEvent.type, { bubbles: true, composed: true });
  }
}

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

  constructor() {
    super();
    this.chatLauncher = NO_CHAT_YET;
    this.signingOut = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
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

  /** Any live name on the screen may ask for a chat; one's own name has nobody to chat with. */
  #onRequestChat(event: CustomEvent<RequestChatDetail>): void {
    if (event.detail?.userId === this.user.id) return;
    routeChatRequest(event, this.chatLauncher);
  }

  protected override render() {
    const busy = this.signingOut;
    return html`
      <st-session .client=${this.client}>
        <div class="shell" @st-request-chat=${this.#onRequestChat}>
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
          </header>
          <div class="shell__body">
            <nav class="shell__nav" aria-labelledby="contacts-heading">
              <st-web-contacts .client=${this.client}></st-web-contacts>
            </nav>
            <main class="shell__main" id="main" aria-labelledby="conversations-heading">
              <h2 class="pane-heading" id="conversations-heading">Conversations</h2>
              <div class="shell__empty">
                <span class="brand-mark brand-mark--large" aria-hidden="true"></span>
                <p>No conversation is open.</p>
              </div>
            </main>
          </div>
        </div>
      </st-session>
    `;
  }
}
