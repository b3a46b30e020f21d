/**
 * `<st-web-preferences>`: the Sametime client's options, saved for the person as each box is
 * ticked (every tab and device of theirs follows), and desktop notifications, which the browser
 * only grants from a button pressed here.
 */
import type { Preferences } from '@st/client';
import { html, nothing, type PropertyValues } from 'lit';
import { askForNotifications, notificationPermission } from '../chat/attention.ts';
import { ObservableController } from '../lib/observable-controller.ts';
import type { WebClient } from '../web-client.ts';
import { AppDialog, problemOf } from './app-dialog.ts';

type BooleanPreference = Exclude<keyof Preferences, 'idleMinutes'>;

const CHOICES: { name: BooleanPreference; label: string; hint?: string }[] = [
  { name: 'sound', label: 'Play a sound when a message arrives' },
  { name: 'bringChatToFront', label: 'Bring a chat to the front when a message arrives' },
  { name: 'showPhotos', label: 'Show photos' },
  { name: 'notifyWhenPartnerLeaves', label: 'Tell me when someone leaves a chat' },
  { name: 'hideOfflineContacts', label: 'Hide offline contacts' },
  {
    name: 'hideMessageTextInPush',
    label: 'Hide message text in push notifications',
    hint: 'Your phone’s lock screen then shows who wrote, not what.',
  },
];

export class PreferencesDialog extends AppDialog {
  static override properties = {
    client: { attribute: false },
  };

  declare client: WebClient | undefined;
  protected readonly dialogId = 'preferences';
  protected readonly heading = 'Preferences';
  readonly #preferences = new ObservableController<Preferences>(this);
  #permission = notificationPermission();

  constructor() {
    super();
    this.client = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) this.#preferences.observe(this.client?.settings.preferences$);
  }

  protected override opened(): void {
    this.#permission = notificationPermission();
  }

  async #change(name: BooleanPreference, value: boolean): Promise<void> {
    if (!this.client) return;
    try {
      await this.client.settings.updatePreferences({ [name]: value });
      this.say('Saved.');
    } catch (error) {
      this.say('', problemOf(error));
    }
  }

  async #allowNotifications(): Promise<void> {
    this.#permission = await askForNotifications();
    this.say(
      this.#permission === 'granted' ? 'Desktop notifications are on.' : 'Desktop notifications stay off.',
    );
  }

  protected renderBody() {
    const preferences = this.#preferences.value;
    return html`<form @submit=${(e: Event) => e.preventDefault()}>
      <fieldset>
        <legend>Chats and contacts</legend>
        ${
          preferences
            ? CHOICES.map(
                (choice) => html`<div class="check">
                  <input id="pref-${choice.name}" type="checkbox" .checked=${preferences[choice.name]}
                    aria-describedby=${choice.hint ? `pref-${choice.name}-hint` : nothing}
                    @change=${(e: Event) => void this.#change(choice.name, (e.target as HTMLInputElement).checked)} />
                  <label for="pref-${choice.name}">${choice.label}${
                    choice.hint
                      ? html`<br /><span class="picker__hint" id="pref-${choice.name}-hint">${choice.hint}</span>`
                      : nothing
                  }</label>
                </div>`,
              )
            : html`<p>Loading…</p>`
        }
      </fieldset>
      <fieldset>
        <legend>Desktop notifications</legend>
        ${this.#renderPermission()}
      </fieldset>
      <div class="app-dialog__actions">
        <button class="button" type="button" @click=${() => this.close()}>Done</button>
      </div>
    </form>`;
  }

  #renderPermission() {
    switch (this.#permission) {
      case 'granted':
        return html`<p>On: messages that arrive while this page is hidden are shown on the desktop.</p>`;
      case 'denied':
        return html`<p>Blocked in the browser’s settings for this site.</p>`;
      case 'unsupported':
        return html`<p>This browser cannot show desktop notifications.</p>`;
      default:
        return html`<p>Show messages that arrive while this page is hidden.</p>
          <div><button class="button" type="button" @click=${() => void this.#allowNotifications()}>
            Allow desktop notifications</button></div>`;
    }
  }
}
