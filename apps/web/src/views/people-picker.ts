/**
 * `<st-web-people-picker>`: choose several people from the directory, for a group chat, a privacy
 * list or an announcement. The field is `<st-person-search>` (the one combobox of the elements:
 * type two characters, arrows, Enter, Escape), and the people chosen a list of names each with a
 * Remove button. Fires `change` with `people`.
 */
import type { DirectoryPerson } from '@st/client';
import type { PersonChosenDetail, StPersonSearch } from '@st/components';
import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
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

  /** Forget the query and the people chosen. */
  reset(): void {
    this.people = [];
    this.querySelector<StPersonSearch>('st-person-search')?.clear();
  }

  override focus(options?: FocusOptions): void {
    this.querySelector<StPersonSearch>('st-person-search')?.focus(options);
  }

  #searchDirectory = (query: string) => this.client?.searchDirectory(query) ?? Promise.resolve([]);

  #changed(people: DirectoryPerson[]): void {
    this.people = people;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #chosen = (event: CustomEvent<PersonChosenDetail>): void => {
    const { person } = event.detail;
    if (!this.people.some((p) => p.id === person.id)) this.#changed([...this.people, person]);
  };

  protected override render() {
    const excluded = new Set([...this.excluded, ...this.people.map((p) => p.id)]);
    return html`<div class="picker" id="${this.idPrefix}-picker">
      <st-person-search label=${this.label} .search=${this.#searchDirectory} .excluded=${excluded}
        @st-person-chosen=${this.#chosen}></st-person-search>
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
