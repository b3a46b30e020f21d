/**
 * `<st-web-privacy>`: who may see that I am online. "Everybody except…" or "Only these people…",
 * with the people chosen from the directory; the proxy shows me offline to everyone else, in
 * presence, search and business cards alike.
 */
import { type DirectoryPerson, PrivacyMode } from '@st/client';
import { html } from 'lit';
import { firstValueFrom } from 'rxjs';
import type { WebClient } from '../web-client.ts';
import { AppDialog, problemOf } from './app-dialog.ts';
import type { PeoplePicker } from './people-picker.ts';

export class PrivacyDialog extends AppDialog {
  static override properties = {
    client: { attribute: false },
  };

  declare client: WebClient | undefined;
  protected readonly dialogId = 'privacy';
  protected readonly heading = 'Privacy';
  #mode: PrivacyMode = PrivacyMode.EverybodyExcept;
  #people: DirectoryPerson[] = [];
  #loaded = false;

  constructor() {
    super();
    this.client = undefined;
  }

  protected override opened(): void {
    this.#loaded = false;
    void this.#load();
  }

  async #load(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const list = await client.settings.privacy();
      // The list holds ids; the directory gives their names (someone it no longer knows keeps the id).
      const people = await Promise.all(
        list.people.map(async (id) => {
          const card = await firstValueFrom(client.card(id)).catch(() => undefined);
          return { id, displayName: card?.displayName ?? id };
        }),
      );
      this.#mode = list.mode;
      this.#people = people;
      this.#loaded = true;
      this.requestUpdate();
    } catch (error) {
      this.say('', problemOf(error));
    }
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.client || !this.#loaded) return;
    const picker = this.querySelector<PeoplePicker>('st-web-people-picker');
    const people = (picker?.people ?? this.#people).map((p) => p.id);
    try {
      await this.client.settings.setPrivacy({ mode: this.#mode, people });
      this.say(
        this.#mode === PrivacyMode.OnlyThese
          ? `Saved: only ${people.length === 1 ? '1 person sees' : `${people.length} people see`} you.`
          : people.length
            ? `Saved: ${people.length === 1 ? '1 person sees' : `${people.length} people see`} you offline.`
            : 'Saved: everybody sees you.',
      );
    } catch (error) {
      this.say('', problemOf(error));
    }
  }

  protected renderBody() {
    if (!this.#loaded) return html`<p>Loading…</p>`;
    const mode = this.#mode;
    const radio = (value: PrivacyMode, label: string) => html`<div class="check">
      <input id="privacy-${value}" type="radio" name="privacy-mode" .checked=${mode === value}
        @change=${() => {
          this.#mode = value;
          this.requestUpdate();
        }} />
      <label for="privacy-${value}">${label}</label>
    </div>`;
    return html`<form @submit=${(e: Event) => void this.#save(e)} novalidate>
      <fieldset>
        <legend>Who sees that I am online</legend>
        ${radio(PrivacyMode.EverybodyExcept, 'Everybody except these people')}
        ${radio(PrivacyMode.OnlyThese, 'Only these people')}
      </fieldset>
      <st-web-people-picker id-prefix="privacy-people" label="People" .client=${this.client}
        .people=${this.#people} @change=${(e: Event) => {
          this.#people = (e.target as PeoplePicker).people;
        }}></st-web-people-picker>
      <p class="picker__hint">People who may not see you see you offline, and do not find you in search.</p>
      <div class="app-dialog__actions">
        <button class="button" type="button" @click=${() => this.close()}>Close</button>
        <button class="button button--primary" type="submit">Save</button>
      </div>
    </form>`;
  }
}
