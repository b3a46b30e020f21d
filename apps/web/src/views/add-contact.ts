/**
 * `<st-web-add-contact>`: find a person in the directory and add them to a group. The person is
 * chosen with `<st-person-search>` (the one combobox of the elements: a pause, two characters at
 * least, arrows, Enter, Escape; what the search is doing said under the field); then "Add" puts
 * the chosen person into the chosen group.
 */
import type { StPersonSearch } from '@st/components';
import { html, LitElement, nothing } from 'lit';
import { contactProblem, searchProblem } from '../contacts/contact-problems.ts';
import type { WebClient } from '../web-client.ts';
import './add-contact.css';

export type AddContactClient = Pick<WebClient, 'searchDirectory' | 'addContact'>;

export class AddContact extends LitElement {
  static override properties = {
    client: { attribute: false },
    groups: { attribute: false },
  };

  declare client: AddContactClient | undefined;
  /** The names of the person's groups, in order. */
  declare groups: readonly string[];

  #group: string | undefined;
  #busy = false;
  #notice = '';
  #problem = '';

  constructor() {
    super();
    this.client = undefined;
    this.groups = [];
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  get #targetGroup(): string | undefined {
    return this.#group && this.groups.includes(this.#group) ? this.#group : this.groups[0];
  }

  #search(): StPersonSearch | null {
    return this.querySelector<StPersonSearch>('st-person-search');
  }

  #searchDirectory = (query: string) => this.client?.searchDirectory(query) ?? Promise.resolve([]);

  async #onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const search = this.#search();
    const person = search?.chosen;
    const group = this.#targetGroup;
    if (this.#busy || !this.client) return;
    if (!group) return this.#report('', 'Create a group first.');
    if (!person) return this.#report('', 'Choose a person from the list first.');
    this.#busy = true;
    this.#report('', '');
    try {
      await this.client.addContact(group, person.id);
      search?.clear();
      this.#report(`${person.displayName} added to ${group}.`, '');
      search?.focus();
    } catch (error) {
      this.#report('', contactProblem(error));
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  #report(notice: string, problem: string): void {
    this.#notice = notice;
    this.#problem = problem;
    this.requestUpdate();
  }

  protected override render() {
    const target = this.#targetGroup;
    return html`<form class="add-contact" @submit=${this.#onSubmit} novalidate>
      <div class="add-contact__field">
        <st-person-search label="Add contact" keep-choice .search=${this.#searchDirectory}
          .problem=${searchProblem} @input=${() => this.#report('', '')}></st-person-search>
        <p class="add-contact__hint" role="status">${this.#notice}</p>
      </div>
      <div class="add-contact__field add-contact__group">
        <label for="add-contact-group">Group</label>
        <select id="add-contact-group" ?disabled=${this.groups.length === 0}
          @change=${(e: Event) => {
            this.#group = (e.target as HTMLSelectElement).value;
          }}>
          ${this.groups.map((name) => html`<option .value=${name} ?selected=${name === target}>${name}</option>`)}
        </select>
      </div>
      <button class="button button--primary add-contact__submit" type="submit"
        aria-disabled=${this.#busy ? 'true' : 'false'}>Add</button>
      <div class="add-contact__problem" role="alert">${this.#problem ? html`<p>${this.#problem}</p>` : nothing}</div>
    </form>`;
  }
}
