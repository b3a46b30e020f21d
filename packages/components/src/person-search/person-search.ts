import type { DirectoryPerson } from '@st/client';
import { LIMITS } from '@st/protocol/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { Subject } from 'rxjs';
import { ObserveController } from '../controllers/observe.ts';
import { personSearchStyles } from './person-search.styles.ts';
import {
  IDLE,
  moveActive,
  SEARCH_DEBOUNCE_MS,
  type SearchState,
  searchProblem,
  searchSummary,
  typeAhead,
} from './type-ahead.ts';

/** `st-person-chosen`'s detail. */
export interface PersonChosenDetail {
  person: DirectoryPerson;
}

/**
 * A field that finds a person in the directory: the ARIA 1.2 combobox pattern with a listbox
 * popup. Typing searches after a pause once the query is long enough; the people found are
 * options (the field stays focused, the active one is its `aria-activedescendant`); Down and Up
 * move (and open the list), Home and End go to the first and last while it is open, Enter or a
 * click chooses, Escape closes the list, then clears the field, then lets the key through (a
 * dialog around it closes). What the search is doing (searching, how many found, no one, an
 * error) is said in a live region under the field. The hosted client's "Add contact" and its
 * people pickers, and the chat window's "Add people", all use it.
 *
 * @tag st-person-search
 * @attr label - The field's label (the combobox's name).
 * @attr placeholder - The field's placeholder.
 * @attr keep-choice - Show the chosen person's name in the field (one choice), rather than
 *   clearing it for the next (several choices).
 * @attr min-length - Characters before a search (default: the proxy's minimum, 2).
 * @prop search - `(query) => Promise<DirectoryPerson[]>`: how to search (e.g. the SDK's `searchDirectory`).
 * @prop excluded - Ids never offered (already chosen, oneself).
 * @prop problem - `(error) => string`: the words for a failed search.
 * @prop chosen - The person chosen (with `keep-choice`); cleared when the field is edited.
 * @event st-person-chosen - `{detail: {person}}` when a person is chosen. Bubbles, composed.
 * @csspart field - The text field.
 * @csspart listbox - The list of people found.
 * @csspart option - One person found.
 * @csspart status - The live region under the field.
 */
export class StPersonSearch extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = personSearchStyles;
  static override properties = {
    label: { type: String },
    placeholder: { type: String },
    keepChoice: { type: Boolean, attribute: 'keep-choice' },
    minLength: { type: Number, attribute: 'min-length' },
    search: { attribute: false },
    excluded: { attribute: false },
    problem: { attribute: false },
    chosen: { attribute: false },
  };

  declare label: string;
  declare placeholder: string;
  declare keepChoice: boolean;
  declare minLength: number;
  declare search: ((query: string) => Promise<DirectoryPerson[]>) | undefined;
  declare excluded: ReadonlySet<string>;
  declare problem: (error: unknown) => string;
  declare chosen: DirectoryPerson | undefined;

  readonly #query = new Subject<string>();
  readonly #state = new ObserveController<SearchState>(this, IDLE);
  #expanded = false;
  #active = -1;
  #shownActive = -1;
  #shownOpen = false;

  constructor() {
    super();
    this.label = 'Person';
    this.placeholder = 'Name, user ID or e-mail';
    this.keepChoice = false;
    this.minLength = LIMITS.searchMinLength;
    this.search = undefined;
    this.excluded = new Set();
    this.problem = searchProblem;
    this.chosen = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#state.observe(
      typeAhead(
        this.#query,
        (query) => this.search?.(query) ?? Promise.resolve([]),
        undefined,
        SEARCH_DEBOUNCE_MS,
        (error) => this.problem(error),
        this.minLength,
      ),
    );
  }

  /** Empties the field and forgets the choice and the people found. */
  clear(): void {
    const field = this.#field();
    if (field) field.value = '';
    this.chosen = undefined;
    this.#query.next('');
    this.#collapse();
  }

  get #people(): DirectoryPerson[] {
    const state = this.#state.value;
    return state.kind === 'results' ? state.people.filter((p) => !this.excluded.has(p.id)) : [];
  }

  get #open(): boolean {
    return this.#expanded && this.#people.length > 0;
  }

  #field(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('#field');
  }

  #collapse(): void {
    this.#expanded = false;
    this.#active = -1;
    this.requestUpdate();
  }

  #onInput(event: Event): void {
    this.chosen = undefined;
    this.#expanded = true;
    this.#active = -1;
    this.#query.next((event.target as HTMLInputElement).value);
  }

  #onKeydown(event: KeyboardEvent): void {
    const people = this.#people;
    const moved = moveActive(event.key, this.#active, people.length);
    // Home and End move in the field's text unless the list is open.
    if (moved !== undefined && (this.#open || event.key.startsWith('Arrow'))) {
      event.preventDefault();
      this.#expanded = true;
      this.#active = moved;
      this.requestUpdate();
    } else if (event.key === 'Enter' && this.#open && this.#active >= 0) {
      event.preventDefault();
      const person = people[this.#active];
      if (person) this.#choose(person);
    } else if (event.key === 'Escape') {
      const field = event.target as HTMLInputElement;
      if (this.#open) this.#collapse();
      else if (field.value) this.clear();
      else return; // nothing left to undo here: the key is the page's (a dialog closes)
      event.preventDefault();
      event.stopPropagation();
    }
  }

  #choose(person: DirectoryPerson): void {
    const field = this.#field();
    this.chosen = this.keepChoice ? person : undefined;
    if (field) field.value = this.keepChoice ? person.displayName : '';
    if (!this.keepChoice) this.#query.next('');
    this.#collapse();
    field?.focus();
    this.dispatchEvent(
      new CustomEvent<PersonChosenDetail>('st-person-chosen', {
        detail: { person },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** Keeps the open list, and the active option in it, on screen (a phone's field may sit low). */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const open = this.#open;
    if (open === this.#shownOpen && this.#active === this.#shownActive) return;
    this.#shownOpen = open;
    this.#shownActive = this.#active;
    if (!open) return;
    const target = this.#active >= 0 ? `#option-${this.#active}` : '#listbox';
    this.renderRoot.querySelector(target)?.scrollIntoView({ block: 'nearest' });
  }

  protected override render() {
    const state = this.#state.value;
    const people = this.#people;
    const open = this.#open;
    const summary = this.#expanded || state.kind === 'failed' ? searchSummary(state) : '';
    return html`<label for="field">${this.label}</label>
      <div class="combo">
        <input id="field" part="field" type="text" role="combobox" autocomplete="off" spellcheck="false"
          placeholder=${this.placeholder} aria-autocomplete="list" aria-controls="listbox"
          aria-expanded=${open ? 'true' : 'false'} aria-describedby="status"
          aria-busy=${state.kind === 'searching' ? 'true' : 'false'}
          aria-activedescendant=${open && this.#active >= 0 ? `option-${this.#active}` : nothing}
          @input=${this.#onInput} @keydown=${this.#onKeydown} @blur=${() => this.#collapse()} />
        <ul id="listbox" part="listbox" role="listbox" aria-label="People found" ?hidden=${!open}>
          ${repeat(
            people,
            (person) => person.id,
            (person, index) => html`<li id="option-${index}" part="option" role="option"
              aria-selected=${index === this.#active ? 'true' : 'false'}
              @pointerdown=${(e: Event) => e.preventDefault()} @click=${() => this.#choose(person)}>
              <span class="name">${person.displayName}</span>
              <span class="detail">${person.email ?? person.id}</span>
            </li>`,
          )}
        </ul>
      </div>
      <p id="status" part="status" role="status" class=${state.kind === 'failed' ? 'problem' : ''}>${summary}</p>`;
  }
}
