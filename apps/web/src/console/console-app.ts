/**
 * `<st-console-app>`: the System Console's root. It signs in with the hosted client's login (the
 * same cookie session and form), then shows the nodes or a person's sessions; a person who is not
 * an administrator is told so plainly. Results of actions go to one polite live region.
 */
import { StForbiddenError } from '@st/client';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { ObservableController } from '../lib/observable-controller.ts';
import type { SessionFlow } from '../session/session-flow.ts';
import {
  APP_NAME,
  Phase,
  type SessionView,
  type SignedInUser,
  showsLoginForm,
} from '../session/session-view.ts';
import { LoginSubmitEvent } from '../views/login-view.ts';
import type { AdminClient } from './admin-client.ts';
import { AnnounceEvent } from './announce.ts';
import { CONSOLE_NAME } from './console-words.ts';

type Access = 'checking' | 'allowed' | 'denied' | 'failed';
type Page = 'nodes' | 'sessions';

const PAGES: Record<Page, string> = { nodes: 'Nodes', sessions: 'Sessions' };

function pageOf(hash: string): Page {
  return hash === '#sessions' ? 'sessions' : 'nodes';
}

export class ConsoleApp extends LitElement {
  static override properties = {
    client: { attribute: false },
    flow: { attribute: false },
  };

  declare client: AdminClient | undefined;
  declare flow: SessionFlow | undefined;
  readonly #view = new ObservableController<SessionView>(this);
  #access: Access = 'checking';
  #checkedFor: string | undefined;
  #page: Page = pageOf(location.hash);
  #announcement = '';
  #shownPhase: Phase | undefined;
  readonly #onHash = () => {
    this.#page = pageOf(location.hash);
    this.requestUpdate();
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('#view-title')?.focus());
  };

  constructor() {
    super();
    this.client = undefined;
    this.flow = undefined;
    this.addEventListener(LoginSubmitEvent.type, (event) => {
      const { userId, password } = (event as LoginSubmitEvent).detail;
      void this.flow?.login(userId, password);
    });
    this.addEventListener(AnnounceEvent.type, (event) => {
      this.#announcement = (event as AnnounceEvent).detail.text;
      this.requestUpdate();
    });
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.#onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.#onHash);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('flow')) this.#view.observe(this.flow?.view$);
    const view = this.#view.value;
    if (view?.phase === Phase.SignedIn && this.#checkedFor !== view.user.id) {
      this.#checkedFor = view.user.id;
      void this.#checkAccess();
    }
    if (view?.phase === Phase.SignedOut) this.#checkedFor = undefined;
  }

  protected override updated(): void {
    document.title = this.#title();
    const phase = this.#view.value?.phase;
    const before = this.#shownPhase;
    this.#shownPhase = phase;
    // The login form on screen: the cursor goes to it, as in the hosted client.
    if (phase === Phase.SignedOut && before !== phase && before !== Phase.SigningIn)
      this.querySelector<HTMLElement>('st-web-login')?.focus();
  }

  #title(): string {
    const view = this.#view.value;
    const base = `${CONSOLE_NAME} · ${APP_NAME}`;
    if (!view || view.phase !== Phase.SignedIn)
      return showsLoginForm(view ?? { phase: Phase.Resuming }) ? `Log in · ${base}` : base;
    if (this.#access === 'denied') return `Not allowed · ${base}`;
    return `${PAGES[this.#page]} · ${base}`;
  }

  async #checkAccess(): Promise<void> {
    this.#access = 'checking';
    this.requestUpdate();
    try {
      await this.client?.nodes();
      this.#access = 'allowed';
    } catch (error) {
      this.#access =
        error instanceof StForbiddenError && error.code === 'ST_ERR_NOT_ADMIN' ? 'denied' : 'failed';
    }
    this.requestUpdate();
    await this.updateComplete;
    this.querySelector<HTMLElement>('#view-title')?.focus();
  }

  #renderHeader(user: SignedInUser) {
    return html`<header class="console__header">
      <p class="brand"><span class="brand-mark" aria-hidden="true"></span>${CONSOLE_NAME}</p>
      <p class="console__who">Signed in as <strong>${user.displayName}</strong></p>
      <div class="console__links">
        <a class="button button--small" href="/">Web client</a>
        <button class="button button--small" type="button" @click=${() => void this.flow?.logout()}>Log out</button>
      </div>
    </header>`;
  }

  #renderNav() {
    return html`<nav class="console__nav" aria-label="${CONSOLE_NAME}">
      <ul>
        ${(Object.keys(PAGES) as Page[]).map(
          (page) =>
            html`<li><a href="#${page}" aria-current=${this.#page === page ? 'page' : nothing}>${PAGES[page]}</a></li>`,
        )}
      </ul>
    </nav>`;
  }

  #renderMain(user: SignedInUser) {
    switch (this.#access) {
      case 'checking':
        return html`<p class="muted" aria-busy="true">Checking your access…</p>`;
      case 'denied':
        return html`<section class="panel not-allowed" aria-labelledby="view-title">
          <h1 class="view-title" id="view-title" tabindex="-1">Not allowed</h1>
          <p>You are signed in as ${user.displayName} (${user.id}), who is not an administrator of
            this proxy. The System Console is for the people listed in the proxy's
            <code>ST_ADMINS</code> setting; ask one of them if you need access.</p>
          <p><a href="/">Open the web client</a> or log out to sign in as someone else.</p>
        </section>`;
      case 'failed':
        return html`<section class="panel" aria-labelledby="view-title">
          <h1 class="view-title" id="view-title" tabindex="-1">Cannot open the console</h1>
          <p>The proxy did not answer as expected.</p>
          <button class="button" type="button" @click=${() => void this.#checkAccess()}>Try again</button>
        </section>`;
      case 'allowed':
        return this.#page === 'sessions'
          ? html`<st-console-sessions .client=${this.client}></st-console-sessions>`
          : html`<st-console-nodes .client=${this.client}></st-console-nodes>`;
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
    if (view.phase !== Phase.SignedIn && view.phase !== Phase.SigningOut) return nothing;
    return html`<div class="console">
      ${this.#renderHeader(view.user)}
      ${this.#access === 'allowed' ? this.#renderNav() : nothing}
      <main class="console__main" id="main">${this.#renderMain(view.user)}</main>
      <div class="visually-hidden" role="status" aria-live="polite" id="console-announcer">${this.#announcement}</div>
    </div>`;
  }
}
