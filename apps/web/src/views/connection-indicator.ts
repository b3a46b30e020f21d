/**
 * `<st-web-connection>`: the connection state in words ("Connected", "Reconnecting in 4 s…",
 * "Offline") with an icon whose shape, not only colour, differs. A polite live region, so changes
 * are announced without interrupting.
 */
import { html, LitElement, type PropertyValues } from 'lit';
import type { Observable } from 'rxjs';
import { type ConnectionStateLike, connectionWords } from '../connection/connection-words.ts';
import { ObservableController } from '../lib/observable-controller.ts';
import './connection-indicator.css';

export class ConnectionIndicator extends LitElement {
  static override properties = {
    state$: { attribute: false },
    online: { state: true },
  };

  declare state$: Observable<ConnectionStateLike> | undefined;
  declare online: boolean;
  readonly #state = new ObservableController<ConnectionStateLike>(this);

  constructor() {
    super();
    this.state$ = undefined;
    this.online = true;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  readonly #onOnlineChange = (): void => {
    this.online = navigator.onLine;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.online = navigator.onLine;
    window.addEventListener('online', this.#onOnlineChange);
    window.addEventListener('offline', this.#onOnlineChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#onOnlineChange);
    window.removeEventListener('offline', this.#onOnlineChange);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state$')) this.#state.observe(this.state$);
  }

  protected override render() {
    const words = connectionWords(this.#state.value ?? { status: 'connecting' }, this.online);
    return html`<p class="connection" data-tone=${words.tone} role="status" aria-live="polite">
      <span class="connection__icon" aria-hidden="true"></span><span class="connection__text">${words.text}</span>
    </p>`;
  }
}
