/**
 * `<st-web-contact-nickname>`: the app's dialog with one field, "Nickname", for a person in the
 * contact list. Saving an empty field takes the nickname away. A failure stays in the dialog's
 * alert so the person can try again; what was saved is handed back for the list's status line.
 */
import { html } from 'lit';
import type { ContactMember } from '../contacts/contact-groups.ts';
import { contactProblem } from '../contacts/contact-problems.ts';
import type { WebClient } from '../web-client.ts';
import { AppDialog } from './app-dialog.ts';
import { nicknameEdit, nicknameNotice } from './contact-member-actions.ts';

export type NicknameClient = Pick<WebClient, 'setNickname'>;

export const NICKNAME_DIALOG_TAG = 'st-web-contact-nickname';
const FIELD = 'contact-nickname-field';

export class ContactNicknameDialog extends AppDialog {
  static override properties = {
    client: { attribute: false },
  };

  declare client: NicknameClient | undefined;
  protected readonly dialogId = 'contact-nickname';
  #member: ContactMember | undefined;
  #busy = false;
  /** Settles the promise `edit` returned: the notice once saved, `undefined` when closed unsaved. */
  #settle: ((notice: string | undefined) => void) | undefined;

  constructor() {
    super();
    this.client = undefined;
    // `close` does not bubble: listen as it passes down, whichever way the dialog was closed.
    this.addEventListener('close', () => this.#finish(undefined), { capture: true });
  }

  protected get heading(): string {
    return this.#member ? `Nickname for ${this.#member.displayName}` : 'Nickname';
  }

  /** Opens the dialog for `member`; resolves with what to announce, or `undefined` if nothing was saved. */
  async edit(member: ContactMember): Promise<string | undefined> {
    this.#settle?.(undefined);
    this.#member = member;
    const result = new Promise<string | undefined>((resolve) => {
      this.#settle = resolve;
    });
    await this.open();
    const field = this.querySelector<HTMLInputElement>(`#${FIELD}`);
    if (field) {
      field.value = member.nickname ?? '';
      field.select();
    }
    return result;
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    const member = this.#member;
    const client = this.client;
    if (!member || !client || this.#busy) return;
    const edit = nicknameEdit(this.querySelector<HTMLInputElement>(`#${FIELD}`)?.value ?? '');
    if (edit.kind === 'invalid') return this.say('', edit.problem);
    this.#busy = true;
    this.say('Saving…');
    try {
      await client.setNickname(member.id, edit.kind === 'set' ? edit.nickname : null);
      this.#finish(nicknameNotice(member.displayName, edit));
    } catch (error) {
      this.say('', contactProblem(error));
    } finally {
      this.#busy = false;
    }
  }

  #finish(notice: string | undefined): void {
    const settle = this.#settle;
    this.#settle = undefined;
    settle?.(notice);
    this.close();
  }

  protected renderBody() {
    return html`<form @submit=${(e: Event) => void this.#save(e)} novalidate>
      <div class="field">
        <label for=${FIELD}>Nickname</label>
        <input id=${FIELD} type="text" autocomplete="off" aria-describedby="${FIELD}-hint" />
        <p class="contact-nickname__hint" id="${FIELD}-hint">Leave it empty to remove the nickname.</p>
      </div>
      <div class="app-dialog__actions">
        <button class="button" type="button" @click=${() => this.close()}>Cancel</button>
        <button class="button button--primary" type="submit">Save</button>
      </div>
    </form>`;
  }
}
