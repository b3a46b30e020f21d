import { ConnectionStatus, StateCode, type StClient } from '@st/client';
import { type Presence, SETTABLE_STATUSES, type SettableStatus, STATUS_LABELS } from '@st/protocol/core';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { distinctUntilChanged, map, switchMap } from 'rxjs';
import { ObserveController } from '../controllers/observe.ts';
import { statusIcon } from '../live-name/status-icon.ts';
import { StElement } from '../shared/st-element.ts';
import { chosenStatus, failureMessage } from './choice.ts';
import { statusPickerStyles } from './status-picker.styles.ts';

const MESSAGE_MAX_LENGTH = 256;

/**
 * The signed-in person's own status and status message.
 *
 * @tagname st-status-picker
 * @summary A "Status" select (Available, Away, Do not disturb, In a meeting) and a "Status message" field.
 *
 * @event st-status-saved - `{detail: {status, message}}` after the proxy accepted a change. Bubbles, composed.
 *
 * @csspart base - The grid holding both fields and the feedback line.
 * @csspart label - Both labels ("Status" and "Status message").
 * @csspart select - The status select.
 * @csspart input - The status message field.
 * @csspart feedback - The polite live region where failures are reported.
 *
 * @cssproperty --st-font - Font of the control (default: inherited from the page).
 * @cssproperty --st-indicator-size - Size of the status icon beside the select (default `1em`).
 * @cssproperty --st-error-color - Colour of failure messages (default `#b3261e`).
 * @cssproperty --st-gap - Space between the labels and fields (default `0.5em`).
 * @cssproperty --st-available-color - And the other `--st-*-color` properties of `st-live-name`, for the icon.
 */
export class StStatusPicker extends StElement {
  static override styles = statusPickerStyles;

  /** A failure to report, or '' when there is none. */
  #feedback = '';
  /** The status being saved, shown as selected until the proxy answers. */
  #pendingStatus: SettableStatus | undefined;
  /** The message as typed, shown instead of the server's until it is saved. */
  #draft: string | undefined;
  /** The message of the save in flight, so that Enter followed by blur sends it once. */
  #saving: string | undefined;

  readonly #client: ObserveController<StClient | undefined>;
  readonly #mine: ObserveController<Presence | undefined>;
  readonly #signedIn: ObserveController<boolean>;
  readonly #loggedOut: ObserveController<boolean>;
  /**
   * What the last save sent, shown until the next own presence arrives: the proxy answers the
   * request before its presence event reaches this stream, and the field should not flick back.
   */
  #saved: { status: SettableStatus; message: string; before: Presence | undefined } | undefined;

  constructor() {
    super();
    const client$ = this.client$;
    this.#client = new ObserveController<StClient | undefined>(this, undefined, client$);
    this.#mine = new ObserveController<Presence | undefined>(
      this,
      undefined,
      client$.pipe(switchMap((client) => client.myPresence$)),
    );
    this.#signedIn = new ObserveController(
      this,
      false,
      client$.pipe(
        switchMap((client) => client.user$),
        map((user) => user !== null),
      ),
    );
    this.#loggedOut = new ObserveController(
      this,
      false,
      client$.pipe(
        switchMap((client) => client.state$),
        map(
          (state) => state.status === ConnectionStatus.Unauthenticated || state.code === StateCode.LoggedOut,
        ),
        distinctUntilChanged(),
      ),
    );
  }

  protected override render() {
    const shown = this.#own()?.status ?? 'unknown';
    const selected = this.#pendingStatus ?? this.#heldSave()?.status ?? chosenStatus(shown);
    const disabled = !this.#signedIn.value;
    const feedback = this.#feedback || (this.#loggedOut.value ? 'Log in to set your status.' : '');
    return html`<div part="base">
      <label part="label" for="status">Status</label>
      <span class="field">
        <svg class="status ${shown}" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          ${statusIcon(shown)}
        </svg>
        <select part="select" id="status" ?disabled=${disabled} @change=${this.#onStatusChange}>
          ${selected ? nothing : html`<option value="" disabled .selected=${true}>${STATUS_LABELS[shown]}</option>`}
          ${SETTABLE_STATUSES.map(
            (status) =>
              html`<option value=${status} .selected=${live(status === selected)}>${STATUS_LABELS[status]}</option>`,
          )}
        </select>
      </span>
      <label part="label" for="message">Status message</label>
      <span class="field">
        <input
          part="input"
          id="message"
          type="text"
          autocomplete="off"
          maxlength=${MESSAGE_MAX_LENGTH}
          ?disabled=${disabled}
          .value=${live(this.#messageShown())}
          @input=${this.#onMessageInput}
          @keydown=${this.#onMessageKeydown}
          @change=${this.#saveMessage}
          @blur=${this.#saveMessage}
        />
      </span>
      <p part="feedback" role="status" class=${this.#feedback ? 'error' : 'hint'}>${feedback}</p>
    </div>`;
  }

  /** One's own presence, while someone is logged in (after a logout the last one is stale). */
  #own(): Presence | undefined {
    return this.#signedIn.value ? this.#mine.value : undefined;
  }

  #messageShown(): string {
    return this.#draft ?? this.#heldSave()?.message ?? this.#own()?.message ?? '';
  }

  /** The last save, while no newer own presence has arrived to show instead. */
  #heldSave() {
    return this.#saved && this.#saved.before === this.#own() ? this.#saved : undefined;
  }

  #onStatusChange(event: Event): void {
    const status = (event.target as HTMLSelectElement).value as SettableStatus;
    void this.#save(status, this.#messageShown());
  }

  #onMessageInput(event: Event): void {
    this.#draft = (event.target as HTMLInputElement).value;
  }

  #onMessageKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') this.#saveMessage();
  }

  /** Enter, change and blur all save; only a message that differs from the server's is sent. */
  #saveMessage(): void {
    const message = this.#draft;
    if (message === undefined || this.#saving === message) return;
    const held = this.#heldSave();
    if (message === (held?.message ?? this.#own()?.message ?? '')) {
      this.#draft = undefined;
      this.requestUpdate();
      return;
    }
    const status = this.#pendingStatus ?? held?.status ?? chosenStatus(this.#own()?.status) ?? 'available';
    void this.#save(status, message);
  }

  async #save(status: SettableStatus, message: string): Promise<void> {
    const client = this.#client.value;
    if (!client) return;
    this.#pendingStatus = status;
    this.#saving = message;
    this.#feedback = '';
    this.requestUpdate();
    const before = this.#own();
    try {
      await client.setStatus(status, message);
      this.#saved = { status, message, before };
      if (this.#draft === message) this.#draft = undefined;
      this.dispatchEvent(
        new CustomEvent('st-status-saved', { detail: { status, message }, bubbles: true, composed: true }),
      );
    } catch (error) {
      this.#feedback = failureMessage(error);
    } finally {
      this.#saving = undefined;
      this.#pendingStatus = undefined;
      this.requestUpdate();
    }
  }
}
