/**
 * Asks before something that cannot be undone (deleting a group, removing a contact): a modal
 * `<dialog>`, so focus stays in it, Escape cancels, and focus returns to where it was. Cancel has
 * focus first, so a stray Enter destroys nothing.
 */
import { html, render } from 'lit';
import './confirm-dialog.css';

export interface ConfirmOptions {
  title: string;
  message: string;
  /** The words on the button that goes ahead, e.g. "Delete group". */
  confirmLabel: string;
}

let dialogs = 0;

/** Resolves `true` when the person confirmed, `false` when they cancelled (button or Escape). */
export function confirmAction(options: ConfirmOptions, host: HTMLElement = document.body): Promise<boolean> {
  const id = `confirm-${++dialogs}`;
  const before = document.activeElement as HTMLElement | null;
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm';
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  dialog.setAttribute('aria-describedby', `${id}-message`);
  render(
    html`<form method="dialog" class="confirm__form">
      <h2 class="confirm__title" id="${id}-title">${options.title}</h2>
      <p class="confirm__message" id="${id}-message">${options.message}</p>
      <div class="confirm__actions">
        <button class="button" value="cancel" autofocus>Cancel</button>
        <button class="button button--danger" value="confirm">${options.confirmLabel}</button>
      </div>
    </form>`,
    dialog,
  );
  host.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        resolve(dialog.returnValue === 'confirm');
        dialog.remove();
        // The element that opened it may be gone (the contact just removed): then the caller moves focus.
        if (before?.isConnected) before.focus();
      },
      { once: true },
    );
  });
}
