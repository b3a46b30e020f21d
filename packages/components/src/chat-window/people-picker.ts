/**
 * "Add people": the person search (`<st-person-search>`, of the window's prefix), the people
 * chosen so far as removable chips, and a submit. A small controller of its own, so the chat
 * window only says where it goes and what happens with the people chosen. Escape in an empty
 * field cancels.
 */
import type { DirectoryPerson, StClient } from '@st/client';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import type { PersonChosenDetail } from '../person-search/person-search.ts';

export interface PickerOptions {
  /** The tag of the person search, e.g. `st-person-search` (the window's prefix decides). */
  searchTag(): string;
  label: string;
  submitLabel: string;
  /** People who may not be chosen (already in the conversation). */
  excluded(): ReadonlySet<string>;
  submit(people: DirectoryPerson[]): void;
  cancel(): void;
}

export class PeoplePicker implements ReactiveController {
  chosen: DirectoryPerson[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly client: () => StClient | undefined,
    private readonly options: PickerOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  reset(): void {
    this.chosen = [];
  }

  #search = (query: string): Promise<DirectoryPerson[]> =>
    this.client()?.searchDirectory(query) ?? Promise.resolve([]);

  #chosen = (event: CustomEvent<PersonChosenDetail>): void => {
    const { person } = event.detail;
    if (!this.chosen.some((p) => p.id === person.id)) this.chosen = [...this.chosen, person];
    this.host.requestUpdate();
  };

  #onKeydown = (event: KeyboardEvent): void => {
    // The search let Escape through: its field is empty and its list closed.
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    event.stopPropagation();
    this.options.cancel();
  };

  render() {
    const { label, submitLabel } = this.options;
    const tag = unsafeStatic(this.options.searchTag());
    const excluded = new Set([...this.options.excluded(), ...this.chosen.map((p) => p.id)]);
    const submit = (event: Event) => {
      event.preventDefault();
      if (this.chosen.length) this.options.submit(this.chosen);
    };
    return html`<form part="picker" class="picker" @submit=${submit} @keydown=${this.#onKeydown}>
      ${staticHtml`<${tag} label=${label} placeholder="Type a name" .search=${this.#search}
        .excluded=${excluded} @st-person-chosen=${this.#chosen}></${tag}>`}
      ${
        this.chosen.length
          ? html`<ul class="chips" aria-label="Chosen">
            ${this.chosen.map(
              (person) => html`<li class="chip">${person.displayName}<button type="button"
                  aria-label="Remove ${person.displayName}" @click=${() => {
                    this.chosen = this.chosen.filter((p) => p.id !== person.id);
                    this.host.requestUpdate();
                  }}>×</button></li>`,
            )}
          </ul>`
          : nothing
      }
      <div class="row">
        <button type="submit" part="button" ?disabled=${this.chosen.length === 0}>${submitLabel}</button>
        <button type="button" part="button" @click=${() => this.options.cancel()}>Cancel</button>
      </div>
    </form>`;
  }
}
