/**
 * The floating chat panel of `<st-contact-list>`: a non-modal dialog in the corner (the whole
 * screen on a phone) holding one chat window; opening another person's chat replaces it. Escape
 * or Close closes it and focus goes back to the name that opened it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { loadTag } from '../shared/lazy-tags.ts';

export class ChatPanel implements ReactiveController {
  peer: string | undefined;
  private opener: HTMLElement | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly tag: () => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  open(peer: string, opener?: HTMLElement): void {
    this.peer = peer;
    this.opener = opener;
    this.host.requestUpdate();
    // The chat window's code may load on demand (`components.js`): focus it once it is an element.
    void Promise.all([this.host.updateComplete, loadTag(this.tag())]).then(() => {
      const window = this.host.shadowRoot?.querySelector<HTMLElement>('[part="chat-window"]');
      window?.focus();
    });
  }

  close(): void {
    if (this.peer === undefined) return;
    this.peer = undefined;
    this.host.requestUpdate();
    this.opener?.focus();
    this.opener = undefined;
  }

  render() {
    if (this.peer === undefined) return nothing;
    const tag = unsafeStatic(this.tag());
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      this.close();
    };
    return html`<div part="chat-panel" class="chat-panel" role="dialog" aria-label="Chat" @keydown=${closeOnEscape}>
      <button class="close" type="button" aria-label="Close chat" @click=${() => this.close()}>×</button>
      ${staticHtml`<${tag} part="chat-window" peer=${this.peer}></${tag}>`}
    </div>`;
  }
}
