/**
 * `<st-web-people-picker>`: choose several people from the directory, for a group chat or a
 * privacy list. The same combobox as "Add contact" (type two characters, arrows, Enter, Escape),
 * and the people chosen as a list of names each with a Remove button. Fires `change` with `people`.
 */
import type { DirectoryPerson } from '@st/client';
import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { Subject } from 'rxjs';
import { IDLE, moveActive, type SearchState, searchSummary, typeAhead } from '../contacts/type-ahead.ts';
import { ObservableController } from '../lib/observable-controller.ts';
import type { WebClient } from '../web-client.ts';
import './people-picker.css';

export class PeoplePicker extends LitElement {
  static override properties = {
    client: { attribute: false },
    label: { type: String },
    idPrefix: { type: String, attribute: 'id-prefix' },
    people: { attribute: false },
    excluded: { attribute: false },
  };

  declare client: Pick<WebClient, 'searchDirectory'> | undefined;
  declare label: string;
  declare idPrefix: string;
  /** The people chosen, in the order chosen. */
  declare people: DirectoryPerson[];
  /** Ids that may not be chosen (oneself, people already in the conversation). */
  declare excluded: ReadonlySet<string>;
  readonly #query = new Subject<string>();
  readonly #search = new ObservableController<SearchState>(this);
  #expanded = false;
  #active = -1;

  constructor() {
    super();
    this.client = undefined;
    this.label = 'People';
    this.idPrefix = 'people';
    this.people = [];
    this.excluded = new Set();
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#search.observe(
      typeAhead(this.#query, (q) => this.client?.searchDirectory(q) ?? Promise.resolve([])),
    );
  }

  /** Forget the query and the people chosen. */
  reset(): void {
    this.people = [];
    const field = this.#field();
    if (field) field.value = '';
    this.#query.next('');
    this.#expanded = false;
  }

  get #found(): DirectoryPerson[] {
    const state = this.#search.value;
    if (state?.kind !== 'results') return [];
    const chosen = new Set(this.people.map((p) => p.id));
    return state.people.filter((p) => !chosen.has(p.id) && !this.excluded.has(p.id));
  }

  #field(): HTMLInputElement | null {
    return this.querySelector<HTMLInputElement>(`#${this.idPrefix}-field`);
  }

  #changed(people: DirectoryPerson[]): void {
    this.people = people;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #choose(person: DirectoryPerson): void {
    this.#changed([...this.people, person]);
    const field = this.#field();
    if (field) field.value = '';
    this.#query.next('');
    this.#expanded = false;
    this.#active = -1;
    field?.focus();
  }

  #onKeydown(event: KeyboardEvent): void {
    const found = this.#found;
    const moved = moveActive(event.key, this.#active, found.length);
    if (moved !== undefined && (this.#expanded || event.key.startsWith('Arrow'))) {
      event.preventDefault();
      this.#expanded = true;
      this.#active = moved;
      this.requestUpdate();
    } else if (event.key === 'Enter' && this.#expanded && this.#active >= 0 && found[this.#active]) {
      event.preventDefault();
      this.#choose(found[this.#active]!);
    } else if (event.key === 'Escape' && this.#expanded && found.length > 0) {
      // Only the list closes; a second Escape reaches the dialog around the picker.
      event.preventDefault();
      event.stopPropagation();
      this.#expanded = false;
      this.requestUpdate();
    }
  }

  protected override render() {
    const id = this.idPrefix;
    const found = this.#found;
    const open = this.#expanded && found.length > 0;
    const state = this.#search.value ?? IDLE;
    const option = (index: number) => `${id}-option-${index}`;
    return html`<div class="picker">
      <label for="${id}-field">${this.label}</label>
      <div class="combo">
        <input id="${id}-field" type="text" role="combobox" autocomplete="off" spellcheck="false"
          placeholder="Name, user ID or e-mail" aria-autocomplete="list" aria-controls="${id}-list"
          aria-expanded=${open ? 'true' : 'false'} aria-describedby="${id}-summary"
          aria-activedescendant=${open && this.#active >= 0 ? option(this.#active) : nothing}
          @input=${(e: Event) => {
            this.#expanded = true;
            this.#active = -1;
            this.#query.next((e.target as HTMLInputElement).value);
          }}
          @keydown=${(e: KeyboardEvent) => this.#onKeydown(e)}
          @blur=${() => {
            this.#expanded = false;
            this.requestUpdate();
          }} />
        <ul class="combo__list" id="${id}-list" role="listbox" aria-label="People found" ?hidden=${!open}>
          ${repeat(
            found,
            (person) => person.id,
            (person, index) => html`<li class="combo__option" id=${option(index)} role="option"
              aria-selected=${index === this.#active ? 'true' : 'false'}
              @pointerdown=${(e: Event) => e.preventDefault()} @click=${() => this.#choose(person)}>
              <span class="combo__name">${person.displayName}</span>
              <span class="combo__detail">${person.email ?? person.id}</span>
            </li>`,
          )}
        </ul>
      </div>
      <p class="picker__hint" id="${id}-summary" role="status">${this.#expanded ? searchSummary(state) : ''}</p>
      ${
        this.people.length
          ? html`<ul class="picker__chosen" aria-label="Chosen">
              ${repeat(
                this.people,
                (person) => person.id,
                (person) => html`<li class="picker__person">
                  <span>${person.displayName}</span>
                  <button class="icon-button" type="button" aria-label="Remove ${person.displayName}"
                    @click=${() => this.#changed(this.people.filter((p) => p.id !== person.id))}>
                    <span aria-hidden="true">×</span></button>
                </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>`;
  }
}
