/**
 * `<st-web-app>`: the hosted client's root. Renders whatever the session flow's view says, keeps
 * the document title in step, and moves focus sensibly when the screen changes.
 */
import { html, LitElement, type PropertyValues } from 'lit';
import { type ChatLauncher, NO_CHAT_YET } from '../chat/chat-launcher.ts';
import { ObservableController } from '../lib/observable-controller.ts';
import type { SessionFlow } from '../session/session-flow.ts';
import { documentTitle, Phase, type SessionView, showsLoginForm } from '../session/session-view.ts';
import type { WebClient } from '../web-client.ts';
import { LoginSubmitEvent } from './login-view.ts';
import { LogoutRequestEvent } from './signed-in-shell.ts';
import './base.css';

export class WebApp extends LitElement {
  static override properties = {
    client: { attribute: false },
    flow: { attribute: false },
    chatLauncher: { attribute: false },
  };

  declare client: WebClient | undefined;
  declare flow: SessionFlow | undefined;
  declare chatLauncher: ChatLauncher;
  readonly #view = new ObservableController<SessionView>(this);
  readonly #unread = new ObservableController<number>(this);
  #shownPhase: Phase | undefined;

  constructor() {
    super();
    this.client = undefined;
    this.flow = undefined;
    this.chatLauncher = NO_CHAT_YET;
    this.addEventListener(LoginSubmitEvent.type, (event) => {
      const { userId, password } = (event as LoginSubmitEvent).detail;
      void this.flow?.login(userId, password);
    });
    this.addEventListener(LogoutRequestEvent.type, () => void this.flow?.logout());
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('flow')) this.#view.observe(this.flow?.view$);
    // Unread counts only once someone is signed in: asking before would be refused, and a refusal
    // tells the client its login is gone.
    const phase = this.#view.value?.phase;
    const signedIn = phase === Phase.SignedIn || phase === Phase.SigningOut;
    this.#unread.observe(signedIn ? this.client?.chat.unread$ : undefined);
  }

  protected override updated(): void {
    const view = this.#view.value;
    if (!view) return;
    document.title = documentTitle(view, this.#unread.value ?? 0);
    const before = this.#shownPhase;
    this.#shownPhase = view.phase;
    if (before === view.phase) return;
    // A new screen: put focus where its work starts, never leave it on something that vanished.
    if (view.phase === Phase.SignedOut && before !== Phase.SigningIn) {
      this.querySelector<HTMLElement>('st-web-login')?.focus();
    } else if (view.phase === Phase.SignedIn && before === Phase.SigningIn) {
      this.querySelector<HTMLElement>('st-web-shell')?.focus();
    }
  }

  protected override render() {
    const view = this.#view.value;
    if (!view || view.phase === Phase.Resuming || !this.client) {
      return html`<main class="splash" id="main" aria-busy="true">
        <span class="brand-mark brand-mark--large" aria-hidden="true"></span>
        <p class="splash__text">Loading…</p>
      </main>`;
    }
    if (showsLoginForm(view)) return html`<st-web-login .view=${view}></st-web-login>`;
    if (view.phase === Phase.SignedIn || view.phase === Phase.SigningOut) {
      return html`<st-web-shell .client=${this.client} .user=${view.user} .chatLauncher=${this.chatLauncher}
        .signingOut=${view.phase === Phase.SigningOut}></st-web-shell>`;
    }
    return html``;
  }
}
