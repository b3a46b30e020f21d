/**
 * `<st-web-announcements>`: announcements I received (newest first, as rich text, with a reply
 * box when the sender allowed replies; a reply goes to our 1:1 chat), and a form to send one to
 * several people.
 */
import type { Announcement, UserSummary } from '@st/client';
import { renderRichText } from '@st/components';
import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ObservableController } from '../lib/observable-controller.ts';
import type { WebClient } from '../web-client.ts';
import { AppDialog, problemOf } from './app-dialog.ts';
import { OpenChatEvent } from './conversation-list.ts';
import type { PeoplePicker } from './people-picker.ts';

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export class AnnouncementsDialog extends AppDialog {
  static override properties = {
    client: { attribute: false },
    user: { attribute: false },
  };

  declare client: WebClient | undefined;
  declare user: UserSummary | undefined;
  protected readonly dialogId = 'announcements';
  protected readonly heading = 'Announcements';
  readonly #received = new ObservableController<Announcement[]>(this);

  constructor() {
    super();
    this.client = undefined;
    this.user = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) this.#received.observe(this.client?.chat.announcements$);
  }

  async #send(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const picker = form.querySelector<PeoplePicker>('st-web-people-picker');
    const text = form.querySelector<HTMLTextAreaElement>('#announce-text')?.value ?? '';
    const replies = form.querySelector<HTMLInputElement>('#announce-replies')?.checked ?? false;
    const to = picker?.people.map((p) => p.id) ?? [];
    if (!this.client) return;
    if (to.length === 0 || !text.trim()) return this.say('', 'Choose people and write the announcement.');
    try {
      const { recipients } = await this.client.chat.announce(to, text, replies);
      picker?.reset();
      form.reset();
      this.say(`Sent to ${recipients === 1 ? '1 person' : `${recipients} people`}.`);
    } catch (error) {
      this.say('', problemOf(error));
    }
  }

  async #reply(event: Event, announcement: Announcement): Promise<void> {
    event.preventDefault();
    const box = (event.currentTarget as HTMLFormElement).querySelector('textarea');
    if (!this.client || !box?.value.trim()) return;
    try {
      await this.client.chat.replyToAnnouncement(announcement.id, box.value);
      box.value = '';
      this.close();
      this.dispatchEvent(new OpenChatEvent({ peer: announcement.from.id }));
    } catch (error) {
      this.say('', problemOf(error));
    }
  }

  protected renderBody() {
    const received = this.#received.value ?? [];
    return html`<section aria-labelledby="announcements-received">
        <h3 id="announcements-received">Received</h3>
        ${
          received.length === 0
            ? html`<p class="contacts__note">No announcements.</p>`
            : html`<ul class="announcements" role="list">
                ${repeat(
                  received,
                  (a) => a.id,
                  (a) => this.#renderAnnouncement(a),
                )}
              </ul>`
        }
      </section>
      <section aria-labelledby="announcements-new">
        <h3 id="announcements-new">New announcement</h3>
        <form @submit=${(e: Event) => void this.#send(e)} novalidate>
          <st-web-people-picker id-prefix="announce-people" label="To" .client=${this.client}
            .excluded=${new Set(this.user ? [this.user.id] : [])}></st-web-people-picker>
          <div class="field">
            <label for="announce-text">Announcement</label>
            <textarea id="announce-text" rows="3" maxlength="10000"></textarea>
          </div>
          <div class="check"><input id="announce-replies" type="checkbox" /><label for="announce-replies">Allow replies</label></div>
          <div class="app-dialog__actions"><button class="button button--primary" type="submit">Send announcement</button></div>
        </form>
      </section>`;
  }

  #renderAnnouncement(announcement: Announcement) {
    const id = `reply-${announcement.id}`;
    return html`<li class="announcement">
      <p class="announcement__meta"><strong>${announcement.from.displayName}</strong>
        <time datetime=${announcement.sentAt}>${WHEN.format(new Date(announcement.sentAt))}</time></p>
      <p class="announcement__text">${renderRichText(announcement.text)}</p>
      ${
        announcement.allowReplies
          ? html`<form class="announcement__reply" @submit=${(e: Event) => void this.#reply(e, announcement)}>
              <label for=${id} class="visually-hidden">Reply to ${announcement.from.displayName}</label>
              <textarea id=${id} rows="1" placeholder="Reply"></textarea>
              <button class="button" type="submit">Reply</button>
            </form>`
          : nothing
      }
    </li>`;
  }
}
