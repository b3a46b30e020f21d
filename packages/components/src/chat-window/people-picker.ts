/**
 * "Add people": a type-ahead over the directory (after two characters and a short pause), the
 * people chosen so far as removable chips, and a submit. A small controller of its own, so the
 * chat window only says where it goes and what happens with the people chosen. The same listbox
 * pattern as the hosted client's "Add contact": arrows move, Enter picks, Escape closes.
 */
import type { DirectoryPerson, StClient } from '@st/client';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

const SEARCH_DELAY_MS = 250;

export interface PickerOptions {
  /** Prefix of the ids in the host's shadow root. */
  id: string;
  label: string;
  submitLabel: string;
  /** People who may not be chosen (already in the conversation). */
  excluded(): ReadonlySet<string>;
  submit(people: DirectoryPerson[]): void;
  cancel(): void;
}

export class PeoplePicker implements ReactiveController {
  chosen: DirectoryPerson[] = [];
  private results: DirectoryPerson[] = [];
  private active = -1;
  private query = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => StClient | undefined,
    private readonly options: PickerOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  reset(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.chosen = [];
    this.results = [];
    this.active = -1;
    this.query = '';
    this.asked++;
  }

  private onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(), SEARCH_DELAY_MS);
  }

  private async search(): Promise<void> {
    const client = this.client();
    const asked = ++this.asked;
    const people = client ? await client.searchDirectory(this.query).catch(() => []) : [];
    if (asked !== this.asked) return;
    const excluded = this.options.excluded();
    const chosen = new Set(this.chosen.map((p) => p.id));
    this.results = people.filter((p) => !excluded.has(p.id) && !chosen.has(p.id));
    this.active = this.results.length ? 0 : -1;
    this.host.requestUpdate();
  }

  private choose(person: DirectoryPerson, input: HTMLInputElement | null): void {
    this.chosen = [...this.chosen, person];
    this.results = [];
    this.active = -1;
    this.query = '';
    if (input) {
      input.value = '';
      input.focus();
    }
    this.host.requestUpdate();
  }

  private onKeydown(event: KeyboardEvent): void {
    const input = event.target as HTMLInputElement;
    const count = this.results.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!count) return;
      event.preventDefault();
      this.active = (this.active + (event.key === 'ArrowDown' ? 1 : -1) + count) % count;
      this.host.requestUpdate();
    } else if (event.key === 'Enter' && this.active >= 0 && this.results[this.active]) {
      event.preventDefault();
      this.choose(this.results[this.active]!, input);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (count) {
        this.results = [];
        this.active = -1;
        this.host.requestUpdate();
      } else this.options.cancel();
    }
  }

  render() {
    const { id, label, submitLabel } = this.options;
    const listId = `${id}-results`;
    const open = this.results.length > 0;
    const submit = (event: Event) => {
      event.preventDefault();
      if (this.chosen.length) this.options.submit(this.chosen);
    };
    return html`<form part="picker" class="picker" @submit=${submit}>
      <label for="${id}-input">${label}</label>
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
      <input id="${id}-input" type="text" role="combobox" autocomplete="off" aria-autocomplete="list"
        aria-expanded=${open ? 'true' : 'false'} aria-controls=${listId}
        aria-activedescendant=${open && this.active >= 0 ? `${id}-option-${this.active}` : nothing}
        placeholder="Type a name" @input=${(e: Event) => this.onInput(e)} @keydown=${(e: KeyboardEvent) => this.onKeydown(e)} />
      <ul id=${listId} role="listbox" aria-label="People found" class="options" ?hidden=${!open}>
        ${this.results.map(
          (person, index) => html`<li id="${id}-option-${index}" role="option"
            aria-selected=${index === this.active ? 'true' : 'false'}
            @pointerdown=${(e: Event) => e.preventDefault()}
            @click=${(e: Event) =>
              this.choose(
                person,
                (e.currentTarget as HTMLElement).closest('form')?.querySelector('input') ?? null,
              )}>
            ${person.displayName}${person.email ? html` <span class="muted">${person.email}</span>` : nothing}
          </li>`,
        )}
      </ul>
      <div class="row">
        <button type="submit" part="button" ?disabled=${this.chosen.length === 0}>${submitLabel}</button>
        <button type="button" part="button" @click=${() => this.options.cancel()}>Cancel</button>
      </div>
    </form>`;
  }
}
