/**
 * `<st-web-login>`: the login form. Rendered into the light DOM so password managers see a plain
 * form with `username` / `current-password` fields, as they expect.
 */
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { LoginProblem } from '../session/login-problems.ts';
import { APP_NAME, Phase, type SessionView } from '../session/session-view.ts';
import './login-view.css';

export interface LoginRequestDetail {
  userId: string;
  password: string;
}

/** Fired when the person submits the form; the app passes it on to the session flow. */
export class LoginSubmitEvent extends CustomEvent<LoginRequestDetail> {
  static readonly type = 'st-web-login-submit';
  constructor(detail: LoginRequestDetail) {
    super(LoginSubmitEvent.type, { detail, bubbles: true, composed: true });
  }
}

export class LoginView extends LitElement {
  static override properties = {
    view: { attribute: false },
  };

  declare view: SessionView;

  constructor() {
    super();
    this.view = { phase: Phase.SignedOut };
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /**
   * Put the cursor in the first empty field, so a person can type straight away. Waits for the
   * first render: the app calls this in the same turn that puts the form on the page.
   */
  override focus(): void {
    void this.updateComplete.then(() => {
      const userId = this.querySelector<HTMLInputElement>('#login-user-id');
      const password = this.querySelector<HTMLInputElement>('#login-password');
      (userId?.value && password ? password : userId)?.focus();
    });
  }

  get #busy(): boolean {
    return this.view.phase === Phase.SigningIn;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const before = changed.get('view') as SessionView | undefined;
    // After a failed login the cursor goes back to the password, selected, so typing replaces it.
    if (before?.phase === Phase.SigningIn && this.view.phase === Phase.SignedOut && this.view.problem) {
      const password = this.querySelector<HTMLInputElement>('#login-password');
      password?.focus();
      password?.select();
    }
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.#busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    this.dispatchEvent(
      new LoginSubmitEvent({
        userId: String(data.get('username') ?? ''),
        password: String(data.get('password') ?? ''),
      }),
    );
  }

  protected override render() {
    const busy = this.#busy;
    const problem = this.view.phase === Phase.SignedOut ? this.view.problem : undefined;
    const invalid = problem?.kind === LoginProblem.BadCredentials ? 'true' : 'false';
    return html`
      <header class="login-banner">
        <span class="brand-mark" aria-hidden="true"></span>
        <span class="brand-name">${APP_NAME}</span>
      </header>
      <main class="login-main" id="main">
        <form class="login-card" method="post" action="#" @submit=${this.#onSubmit}>
          <h1 class="login-title">Log in</h1>
          <p class="login-lede">Presence and contacts for your organisation.</p>
          <!-- No whitespace inside: the empty alert must match :empty to take no room. -->
          <div class="login-problem" role="alert">${problem ? html`<p>${problem.text}</p>` : nothing}</div>
          <div class="field">
            <label for="login-user-id">User ID</label>
            <input id="login-user-id" name="username" type="text" autocomplete="username"
              autocapitalize="none" autocorrect="off" spellcheck="false" required
              aria-invalid=${invalid} />
          </div>
          <div class="field">
            <label for="login-password">Password</label>
            <input id="login-password" name="password" type="password" autocomplete="current-password"
              required aria-invalid=${invalid} />
          </div>
          <button class="button button--primary login-submit" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
            ${busy ? html`<span class="spinner" aria-hidden="true"></span>Logging in…` : 'Log in'}
          </button>
        </form>
      </main>
    `;
  }
}
