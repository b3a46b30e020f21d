/**
 * What the app's dialogs share: a modal `<dialog>` (focus stays in it, Escape closes it, focus
 * returns to the button that opened it), a title, a Close button, a polite status line and an
 * alert line. Each dialog is a light-DOM element that extends this and renders its body.
 */
import { html, LitElement, type TemplateResult } from 'lit';
import './app-dialog.css';

export abstract class AppDialog extends LitElement {
  protected notice = '';
  protected problem = '';
  #opener: HTMLElement | null = null;

  protected abstract readonly dialogId: string;
  protected abstract readonly heading: string;
  protected abstract renderBody(): TemplateResult;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  get isOpen(): boolean {
    return this.querySelector('dialog')?.open ?? false;
  }

  async open(): Promise<void> {
    this.#opener = document.activeElement as HTMLElement | null;
    this.notice = '';
    this.problem = '';
    this.opened();
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  close(): void {
    this.querySelector('dialog')?.close();
  }

  /** Called as the dialog opens: load what it shows. */
  protected opened(): void {}

  protected say(notice: string, problem = ''): void {
    this.notice = notice;
    this.problem = problem;
    this.requestUpdate();
  }

  protected override render() {
    const id = this.dialogId;
    return html`<dialog class="app-dialog" aria-labelledby="${id}-title" @close=${() => this.#closed()}>
      <div class="app-dialog__head">
        <h2 class="app-dialog__title" id="${id}-title">${this.heading}</h2>
        <button class="icon-button" type="button" aria-label="Close" @click=${() => this.close()}>
          <span aria-hidden="true">×</span></button>
      </div>
      ${this.renderBody()}
      <p class="app-dialog__notice" role="status">${this.notice}</p>
      <p class="app-dialog__problem" role="alert">${this.problem}</p>
    </dialog>`;
  }

  #closed(): void {
    if (this.#opener?.isConnected) this.#opener.focus();
    this.#opener = null;
  }
}

/** The words of a failure from the SDK, for an alert line. */
export function problemOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'That did not work; try again.';
}
