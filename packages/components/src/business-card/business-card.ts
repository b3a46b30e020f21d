import type { BusinessCard, Presence, Status } from '@st/protocol/core';
import { html, nothing, type PropertyValues } from 'lit';
import { catchError, defer, distinctUntilChanged, map, of, startWith, switchMap, timer } from 'rxjs';
import { ObserveController } from '../controllers/observe.ts';
import { statusInWords } from '../live-name/labels.ts';
import { statusIcon } from '../live-name/status-icon.ts';
import { askPerLogin, cardFor } from '../shared/card-for.ts';
import { StElement } from '../shared/st-element.ts';
import { businessCardStyles } from './business-card.styles.ts';
import { avatarColour, initials, localTime, mailtoHref, msToNextMinute, telHref } from './card-fields.ts';

const MINUTE_MS = 60_000;

/**
 * A person's business card from the directory, with their live status.
 *
 * @tagname st-business-card
 * @summary Photo, name, title, department, company, location, local time, phone, e-mail and live
 *   status, with Chat, E-mail and Call actions.
 *
 * @attr user-id - The person to show (their directory id).
 * @attr display-name - The name to show until the directory answers (or when it knows no such person).
 * @attr status - Reflected, read-only: the person's status, as on `st-live-name`.
 *
 * @event st-request-chat - `{detail: {userId}}` from the Chat action. Bubbles, composed, cancelable:
 *   call `preventDefault()` to open the chat yourself.
 *
 * @csspart base - The card: a dialog when it is a popover, else a group, labelled by the name.
 * @csspart header - Photo (or initials), name, title and status.
 * @csspart photo - The photo, when the person has one.
 * @csspart initials - The initials drawn in its place when the person has none.
 * @csspart name - The display name.
 * @csspart title - The job title.
 * @csspart status - The status icon and the status in words.
 * @csspart status-message - The person's status message.
 * @csspart details - The list of department, company, location, local time, phone and e-mail.
 * @csspart actions - The row of actions.
 * @csspart chat-button - Chat (fires `st-request-chat`).
 * @csspart email-button - E-mail (a `mailto:` link).
 * @csspart call-button - Call (a `tel:` link).
 *
 * @cssproperty --st-card-width - Width of the card (default `min(22rem, calc(100vw - 1rem))`).
 * @cssproperty --st-card-background - Background (default `#fff`).
 * @cssproperty --st-card-color - Text colour (default `#1b1d21`).
 * @cssproperty --st-card-muted-color - Colour of labels, title and status message (default `#596170`).
 * @cssproperty --st-card-border - Border (default `1px solid #d6dae1`).
 * @cssproperty --st-card-radius - Corner radius (default `12px`).
 * @cssproperty --st-card-shadow - Shadow (default a soft two-layer shadow).
 * @cssproperty --st-card-padding - Inner padding (default `1rem`).
 * @cssproperty --st-avatar-size - Size of the photo or initials (default `4rem`).
 * @cssproperty --st-link-color - Links and actions (default `#0b5cad`).
 * @cssproperty --st-font - Font (default: inherited).
 * @cssproperty --st-focus-ring - Outline of focused links and actions (default `2px solid #1a73e8`).
 * @cssproperty --st-available-color - And the other `--st-*-color` properties of `st-live-name`.
 */
export class StBusinessCard extends StElement {
  static override properties = {
    userId: { type: String, attribute: 'user-id', reflect: true },
    displayName: { type: String, attribute: 'display-name' },
    status: { type: String, reflect: true },
  };

  static override styles = businessCardStyles;

  declare userId: string;
  declare displayName: string;
  declare status: Status;

  readonly #card = new ObserveController<BusinessCard | undefined | null>(this, null);
  readonly #presence = new ObserveController<Presence | undefined>(this, undefined);
  readonly #photo = new ObserveController<string | undefined>(this, undefined);
  /** The time now, once a minute while the card is on the page (for the person's local time). */
  readonly #now = new ObserveController<number>(
    this,
    Date.now(),
    defer(() => timer(msToNextMinute(Date.now()), MINUTE_MS)).pipe(
      startWith(0),
      map(() => Date.now()),
    ),
  );

  constructor() {
    super();
    this.userId = '';
    this.displayName = '';
    this.status = 'unknown';
  }

  /** The card as the directory gave it: `undefined` while unknown or for no such person. */
  get card(): BusinessCard | undefined {
    const card = this.#card.value;
    return card?.id === this.userId ? card : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('userId')) this.#follow(this.userId);
    const presence = this.#presence.value;
    this.status = presence?.userId === this.userId ? presence.status : 'unknown';
  }

  protected override render() {
    if (!this.userId) return nothing;
    const card = this.card;
    const name = card?.displayName || this.displayName || this.userId;
    const presence = this.#presence.value;
    const message = presence?.userId === this.userId ? presence.message : '';
    const loading = this.#card.value === null;
    const role = this.hasAttribute('popover') ? 'dialog' : 'group';
    return html`<div part="base" role=${role} aria-labelledby="name" aria-busy=${loading ? 'true' : 'false'}>
      <div part="header">
        ${this.#renderAvatar(name, card?.hasPhoto === true)}
        <div>
          <p part="name" id="name">${name}</p>
          ${card?.title ? html`<p part="title">${card.title}</p>` : nothing}
          <p part="status">
            <svg class="status" viewBox="0 0 16 16" aria-hidden="true" focusable="false">${statusIcon(this.status)}</svg>
            <span>${statusInWords(this.status, presence?.mobile === true)}</span>
          </p>
          ${message ? html`<p part="status-message">${message}</p>` : nothing}
        </div>
      </div>
      ${card ? this.#renderDetails(card) : nothing}
      ${this.#renderActions(card)}
    </div>`;
  }

  #renderAvatar(name: string, hasPhoto: boolean) {
    const photo = this.#photo.value;
    // The name sits right beside the picture: it adds nothing for a screen reader.
    if (hasPhoto && photo) return html`<img part="photo" src=${photo} alt="" />`;
    return html`<span part="initials" class="c${avatarColour(this.userId)}" aria-hidden="true">${initials(name)}</span>`;
  }

  #renderDetails(card: BusinessCard) {
    const time = localTime(card.timeZone, this.#now.value);
    const tel = telHref(card.phone);
    const mailto = mailtoHref(card.email);
    const rows = [
      ['Department', card.department],
      ['Company', card.company],
      ['Location', card.location],
      ['Local time', time],
    ] as const;
    return html`<dl part="details">
      ${rows.map(([label, value]) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing))}
      ${card.phone ? html`<dt>Phone</dt><dd>${tel ? html`<a href=${tel}>${card.phone}</a>` : card.phone}</dd>` : nothing}
      ${card.email ? html`<dt>E-mail</dt><dd>${mailto ? html`<a href=${mailto}>${card.email}</a>` : card.email}</dd>` : nothing}
    </dl>`;
  }

  #renderActions(card: BusinessCard | undefined) {
    const tel = telHref(card?.phone);
    const mailto = mailtoHref(card?.email);
    return html`<div part="actions">
      <button part="chat-button" class="action" type="button" @click=${this.#requestChat}>Chat</button>
      ${mailto ? html`<a part="email-button" class="action" href=${mailto}>E-mail</a>` : nothing}
      ${tel ? html`<a part="call-button" class="action" href=${tel}>Call</a>` : nothing}
    </div>`;
  }

  #follow(userId: string): void {
    if (!userId) {
      this.#card.observe(undefined);
      this.#presence.observe(undefined);
      this.#photo.observe(undefined);
      return;
    }
    const client$ = this.client$;
    this.#card.observe(client$.pipe(switchMap((client) => cardFor(client, userId))));
    this.#presence.observe(client$.pipe(switchMap((client) => client.presence(userId))));
    // Asked again after a login, like the card; a photo that cannot be had shows the initials, and
    // so does every card of a person who switched "Show photos" off (photos until they say so:
    // anonymous pages have no preferences).
    this.#photo.observe(
      client$.pipe(
        switchMap((client) =>
          client.user$.pipe(
            // Only a signed-in person has preferences; an anonymous page never asks for them.
            switchMap((user) =>
              user
                ? client.settings.preferences$.pipe(
                    map((preferences) => preferences.showPhotos !== false),
                    catchError(() => of(true)),
                    startWith(true),
                  )
                : of(true),
            ),
            distinctUntilChanged(),
            switchMap((show) =>
              show
                ? askPerLogin(client, () => defer(() => client.photoUrl(userId)), undefined)
                : of(undefined),
            ),
          ),
        ),
      ),
    );
  }

  #requestChat(): void {
    this.dispatchEvent(
      new CustomEvent('st-request-chat', {
        detail: { userId: this.userId },
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
  }
}
