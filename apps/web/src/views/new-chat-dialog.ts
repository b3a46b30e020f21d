/**
 * `<st-web-new-chat>`: start a group (N-way) chat: choose people from the directory, give it a
 * topic if you like, and Start; the new chat opens in a tab and the people are invited.
 */
import type { UserSummary } from '@st/client';
import { html } from 'lit';
import type { WebClient } from '../web-client.ts';
import { AppDialog, problemOf } from './app-dialog.ts';
import { OpenChatEvent } from './conversation-list.ts';
import type { PeoplePicker } from './people-picker.ts';

export class NewChatDialog extends AppDialog {
  static override properties = {
    client: { attribute: false },
    user: { attribute: false },
  };

  declare client: WebClient | undefined;
  declare user: UserSummary | undefined;
  protected readonly dialogId = 'new-chat';
  protected readonly heading = 'Start a group chat';
  #busy = false;

  constructor() {
    super();
    this.client = undefined;
    this.user = undefined;
  }

  protected override opened(): void {
    this.querySelector<PeoplePicker>('st-web-people-picker')?.reset();
    const topic = this.querySelector<HTMLInputElement>('#new-chat-topic');
    if (topic) topic.value = '';
  }

  async #start(event: Event): Promise<void> {
    event.preventDefault();
    const picker = this.querySelector<PeoplePicker>('st-web-people-picker');
    const people = picker?.people ?? [];
    const topic = this.querySelector<HTMLInputElement>('#new-chat-topic')?.value.trim() ?? '';
    if (!this.client || this.#busy) return;
    if (people.length === 0) return this.say('', 'Choose at least one person.');
    this.#busy = true;
    this.say('Starting…');
    try {
      const chat = await this.client.chat.startConversation(
        people.map((p) => p.id),
        topic || undefined,
      );
      const conversationId = await chat.id();
      this.close();
      this.dispatchEvent(new OpenChatEvent({ conversationId }));
    } catch (error) {
      this.say('', problemOf(error));
    } finally {
      this.#busy = false;
    }
  }

  protected renderBody() {
    return html`<form @submit=${(e: Event) => void this.#start(e)} novalidate>
      <st-web-people-picker id-prefix="new-chat-people" label="People" .client=${this.client}
        .excluded=${new Set(this.user ? [this.user.id] : [])}></st-web-people-picker>
      <div class="field">
        <label for="new-chat-topic">Topic (optional)</label>
        <input id="new-chat-topic" type="text" maxlength="256" autocomplete="off" />
      </div>
      <div class="app-dialog__actions">
        <button class="button" type="button" @click=${() => this.close()}>Cancel</button>
        <button class="button button--primary" type="submit">Start chat</button>
      </div>
    </form>`;
  }
}
