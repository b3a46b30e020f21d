/**
 * `<st-web-add-contact>`: find a person in the directory and add them to a group. The field is a
 * combobox with a listbox popup (the ARIA pattern): typing searches after a pause (two characters
 * at least), arrows move through the people found, Enter or a click chooses, Escape closes the list
 * (or clears the field); then "Add" puts the chosen person into the chosen group.
 */
import type { DirectoryPerson } from '@st/protocol/core';
import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { Subject } from 'rxjs';
import { contactProblem } from '../contacts/contact-problems.ts';
import { IDLE, moveActive, type SearchState, searchSummary, typeAhead } from '../contacts/type-ahead.ts';
import { ObservableController } from '../lib/observable-controller.ts';
import type { WebClient } from '../web-client.ts';
import './add-contact.css';

export type AddContactClient = Pick<WebClient, 'searchDirectory' | 'addContact'>;

const FIELD = 'add-contact-person';
const LISTBOX = 'add-contact-people';
const optionId = (index: number) => `add-contact-option-${index}`;

export class AddContact extends LitElement {
  static override properties = {
    client: { attribute: false },
    groups: { attribute: false },
  };

  declare client: AddContactClient | undefined;
  /** The names of the person's groups, in order. */
  declare groups: readonly string[];

  readonly #query = new Subject<string>();
  readonly #search = new ObservableController<SearchState>(this);
  #expanded = false;
  #active = -1;
  #chosen: DirectoryPerson | undefined;
  #group: string | undefined;
  #busy = false;
  #notice = '';
  #problem = '';
  /** What the last render showed, so the list is scrolled into view only when it changes. */
  #shownOpen = false;
  #shownActive = -1;

  constructor() {
    super();
    this.client = undefined;
    this.groups = [];
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#search.observe(typeAhead(this.#query, (q) => this.#searchDirectory(q)));
  }

  get #people(): DirectoryPerson[] {
    const state = this.#search.value;
    return state?.kind === 'results' ? state.people : [];
  }

  get #targetGroup(): string | undefined {
    return this.#group && this.groups.includes(this.#group) ? this.#group : this.groups[0];
  }

  #searchDirectory(query: string): Promise<DirectoryPerson[]> {
    const client = this.client;
    return client ? client.searchDirectory(query) : Promise.resolve([]);
  }

  #field(): HTMLInputElement | null {
    return this.querySelector<HTMLInputElement>(`#${FIELD}`);
  }

  #onInput(event: Event): void {
    this.#chosen = undefined;
    this.#problem = '';
    this.#expanded = true;
    this.#active = -1;
    this.#query.next((event.target as HTMLInputElement).value);
    this.requestUpdate();
  }

  #onKeydown(event: KeyboardEvent): void {
    const people = this.#people;
    const moved = moveActive(event.key, this.#active, people.length);
    // Home and End move in the field's text unless the list is open.
    if (moved !== undefined && (this.#expanded || event.key.startsWith('Arrow'))) {
      event.preventDefault();
      this.#expanded = true;
      this.#active = moved;
      this.requestUpdate();
      return;
    }
    if (event.key === 'Enter' && this.#expanded && this.#active >= 0) {
      event.preventDefault();
      const person = people[this.#active];
      if (person) this.#choose(person);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (this.#expanded && people.length > 0) this.#collapse();
      else this.#clear();
    }
  }

  #choose(person: DirectoryPerson): void {
    this.#chosen = person;
    const field = this.#field();
    if (field) field.value = person.displayName;
    this.#collapse();
    field?.focus();
  }

  #collapse(): void {
    this.#expanded = false;
    this.#active = -1;
    this.requestUpdate();
  }

  #clear(): void {
    const field = this.#field();
    if (field) field.value = '';
    this.#chosen = undefined;
    this.#query.next('');
    this.#collapse();
  }

  async #onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const person = this.#chosen;
    const group = this.#targetGroup;
    if (this.#busy || !this.client) return;
    if (!group) return this.#report('', 'Create a group first.');
    if (!person) return this.#report('', 'Choose a person from the list first.');
    this.#busy = true;
    this.#report('', '');
    try {
      await this.client.addContact(group, person.id);
      this.#clear();
      this.#report(`${person.displayName} added to ${group}.`, '');
      this.#field()?.focus();
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

  /** Keeps the open list, and the active option in it, on screen (a phone's field may sit low). */
  protected override updated(): void {
    const open = this.#expanded && this.#people.length > 0;
    if (open === this.#shownOpen && this.#active === this.#shownActive) return;
    this.#shownOpen = open;
    this.#shownActive = this.#active;
    if (!open) return;
    const target = this.#active >= 0 ? `#${optionId(this.#active)}` : `#${LISTBOX}`;
    this.querySelector(target)?.scrollIntoView({ block: 'nearest' });
  }

  protected override render() {
    const state = this.#search.value ?? IDLE;
    const people = this.#people;
    const open = this.#expanded && people.length > 0;
    const target = this.#targetGroup;
    return html`<form class="add-contact" @submit=${this.#onSubmit} novalidate>
      <div class="add-contact__field">
        <label for=${FIELD}>Add contact</label>
        <div class="combo">
          <input id=${FIELD} type="text" role="combobox" autocomplete="off" spellcheck="false"
            placeholder="Name, user ID or e-mail" aria-autocomplete="list" aria-controls=${LISTBOX}
            aria-expanded=${open ? 'true' : 'false'}
            aria-activedescendant=${open && this.#active >= 0 ? optionId(this.#active) : nothing}
            aria-describedby="add-contact-summary"
            @input=${this.#onInput} @keydown=${this.#onKeydown} @blur=${() => this.#collapse()} />
          <ul class="combo__list" id=${LISTBOX} role="listbox" aria-label="People found" ?hidden=${!open}>
            ${repeat(
              people,
              (person) => person.id,
              (person, index) => html`<li class="combo__option" id=${optionId(index)} role="option"
                aria-selected=${index === this.#active ? 'true' : 'false'}
                @pointerdown=${(e: Event) => e.preventDefault()} @click=${() => this.#choose(person)}>
                <span class="combo__name">${person.displayName}</span>
                <span class="combo__detail">${person.email ?? person.id}</span>
              </li>`,
            )}
          </ul>
        </div>
        <p class="add-contact__hint" id="add-contact-summary" role="status">${
          this.#notice || (this.#expanded ? searchSummary(state) : '')
        }</p>
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
