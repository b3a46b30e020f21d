import type { PropertyValues } from '@lit/reactive-element';
import type { BusinessCard, Presence, Status } from '@st/protocol/core';
import { ObserveController } from '../controllers/observe.ts';
import { cardFor } from '../shared/card-for.ts';
import { StLeanElement } from '../shared/st-lean-element.ts';
import { switchTo } from '../shared/switch-to.ts';

import { MOBILE_ICON, STATUS_ICONS } from './icons.ts';
import { liveNameLabel } from './labels.ts';
import { liveNameStyles } from './live-name.styles.ts';
import { CARD_ID, PopoverHandle } from './popover-handle.ts';

/** Why a business card is asked for: the pointer rests on the name, or the keyboard focused it. */
export type CardRequestReason = 'hover' | 'focus';

/**
 * A person's name with their live presence.
 *
 * @tagname st-live-name
 * @summary A display name with a presence indicator that follows the person's status as it changes.
 *
 * @attr user-id - The person to show (their directory id).
 * @attr display-name - The name to show until the directory answers (or when it knows no such person);
 *   the user id is shown when neither is known.
 * @attr status - Reflected, read-only: `available`, `away`, `dnd`, `in-meeting`, `not-using`,
 *   `offline`, or `unknown` until the server answers.
 * @attr mobile - Reflected, read-only: present when every session of the person is on a phone.
 *
 * @event st-presence-change - `{detail: Presence}` whenever the status, message or mobile flag shown
 *   changes. Bubbles, composed.
 * @event st-request-chat - `{detail: {userId}}` on click or Enter, or from the card's Chat action.
 *   Bubbles, composed, cancelable: call `preventDefault()` to handle the chat yourself.
 * @event st-request-card - `{detail: {userId, reason: 'hover' | 'focus'}}` just before the business
 *   card opens: the pointer rested on the name, or the keyboard focused it. Bubbles, composed,
 *   cancelable: call `preventDefault()` to show a card of your own instead.
 *
 * The business card (`<st-business-card>` of the same prefix) opens as a popover next to the name:
 * after the pointer rests on it for half a second, or at once on keyboard focus. It stays open
 * while the pointer or focus is on the name or the card, and Escape closes it and returns focus.
 *
 * @csspart base - The button holding the indicator and the name.
 * @csspart indicator - The status icon (and the phone icon when mobile).
 * @csspart name - The display name.
 *
 * @cssproperty --st-available-color - Indicator colour for available (default `#2e7d32`).
 * @cssproperty --st-away-color - Indicator colour for away (default `#b26a00`).
 * @cssproperty --st-dnd-color - Indicator colour for do not disturb (default `#c62828`).
 * @cssproperty --st-in-meeting-color - Indicator colour for in a meeting (default `#6a3fb5`).
 * @cssproperty --st-not-using-color - Indicator colour for not using the computer (default `#5f7f2a`).
 * @cssproperty --st-offline-color - Indicator colour for offline (default `#6b6b6b`).
 * @cssproperty --st-unknown-color - Indicator colour while the status is unknown (default `#8a8a8a`).
 * @cssproperty --st-glyph-color - The check, clock, bar ... drawn on the indicator (default `#fff`).
 * @cssproperty --st-font - Font of the name (default: inherited from the page).
 * @cssproperty --st-indicator-size - Size of the indicator (default `0.95em`).
 * @cssproperty --st-focus-ring - Outline when focused from the keyboard (default `2px solid #1a73e8`).
 */
export class StLiveName extends StLeanElement {
  static override properties = {
    userId: { type: String, attribute: 'user-id', reflect: true },
    displayName: { type: String, attribute: 'display-name' },
    status: { type: String, reflect: true },
    mobile: { type: Boolean, reflect: true },
  };

  static override styles = liveNameStyles;

  static override shadowRootOptions: ShadowRootInit = {
    ...StLeanElement.shadowRootOptions,
    delegatesFocus: true,
  };

  declare userId: string;
  declare displayName: string;
  declare status: Status;
  declare mobile: boolean;

  readonly #presence = new ObserveController<Presence | undefined>(this, undefined);
  readonly #card = new ObserveController<BusinessCard | undefined>(this, undefined);
  readonly #popover = new PopoverHandle(this, {
    tag: () => `${(this.constructor as typeof StLeanElement).prefix}-business-card`,
    anchor: () => this.renderRoot.querySelector<HTMLElement>('[part="base"]'),
    container: () => this.renderRoot.querySelector<HTMLElement>('.card'),
    request: (reason) => this.#requestCard(reason),
    person: () => ({ userId: this.userId, displayName: this.name }),
  });
  /** The presence last announced with `st-presence-change`. */
  #announced: Presence | undefined;

  constructor() {
    super();
    this.userId = '';
    this.displayName = '';
    this.status = 'unknown';
    this.mobile = false;
  }

  /** The person's status message ('' when none); shown as the tooltip. */
  get statusMessage(): string {
    return this.#presence.value?.message ?? '';
  }

  /** The person's presence as shown now. */
  get presence(): Presence {
    const known = this.#presence.value;
    return known?.userId === this.userId
      ? known
      : { userId: this.userId, status: 'unknown', message: '', mobile: false };
  }

  /** The name shown: the directory's, else the `display-name` attribute, else the user id. */
  get name(): string {
    return this.#card.value?.displayName || this.displayName || this.userId;
  }

  /** Whether the business card is open. */
  get cardOpen(): boolean {
    return this.#popover.isOpen;
  }

  /** Opens the business card now, as keyboard focus does. */
  openCard(): void {
    this.#popover.open('focus');
  }

  closeCard(): void {
    this.#popover.close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('userId')) {
      this.#popover.close();
      this.#follow(this.userId);
    }
    const presence = this.presence;
    this.status = presence.status;
    this.mobile = presence.mobile;
  }

  protected override updated(): void {
    const shown = this.presence;
    const last = this.#announced ?? { ...shown, status: 'unknown', message: '', mobile: false };
    this.#announced = shown;
    if (
      shown.userId === last.userId &&
      shown.status === last.status &&
      shown.message === last.message &&
      shown.mobile === last.mobile
    ) {
      return;
    }
    this.dispatchEvent(
      new CustomEvent('st-presence-change', { detail: shown, bubbles: true, composed: true }),
    );
  }

  /** The nodes this element shows, made on its first update with a user id. */
  #view: LiveNameView | undefined;

  /**
   * Lit's update, with the few nodes of a name set by hand instead of by a template: a page of
   * live names then needs no template engine (see `StLeanElement`). User text goes in as text.
   */
  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const root = this.renderRoot;
    if (!this.userId) {
      this.#view?.base.remove();
      this.#view?.card.remove();
      return;
    }
    this.#view ??= this.#makeView();
    const view = this.#view;
    if (!view.base.isConnected) root.append(view.base, view.card);
    const { status, mobile, message } = this.presence;
    const popover = this.#popover;
    const hasCard = popover.available;
    const { base } = view;
    base.setAttribute('aria-label', liveNameLabel(this.name, status, mobile));
    setOrRemove(base, 'aria-haspopup', hasCard ? 'dialog' : undefined);
    setOrRemove(base, 'aria-expanded', hasCard ? String(popover.isOpen) : undefined);
    setOrRemove(base, 'aria-controls', popover.isOpen ? CARD_ID : undefined);
    setOrRemove(base, 'title', message || undefined);
    if (view.shownStatus !== status) {
      view.shownStatus = status;
      view.status.innerHTML = STATUS_ICONS[status];
    }
    // Moved only when it changes: re-inserting a node on every update is a DOM mutation each time.
    if (mobile !== (view.mobile.parentNode !== null)) {
      if (mobile) view.status.after(view.mobile);
      else view.mobile.remove();
    }
    if (view.name.textContent !== this.name) view.name.textContent = this.name;
  }

  // No whitespace between the nodes: the button is inline, so any would show as a gap. The card
  // (a popover, in the top layer) is put in the empty span after it when it first opens.
  #makeView(): LiveNameView {
    const base = document.createElement('button');
    base.setAttribute('part', 'base');
    base.type = 'button';
    base.addEventListener('click', () => this.#requestChat());
    base.addEventListener('focus', () => this.#popover.focused());
    base.addEventListener('pointerenter', (event) => this.#popover.pointerEntered(event));
    base.addEventListener('pointerleave', () => this.#popover.pointerLeft());
    const indicator = document.createElement('span');
    indicator.setAttribute('part', 'indicator');
    indicator.setAttribute('aria-hidden', 'true');
    const status = icon('status');
    const mobile = icon('mobile');
    mobile.innerHTML = MOBILE_ICON;
    indicator.append(status);
    const name = document.createElement('span');
    name.setAttribute('part', 'name');
    base.append(indicator, name);
    const card = document.createElement('span');
    card.className = 'card';
    return { base, status, mobile, name, card, shownStatus: undefined };
  }

  #follow(userId: string): void {
    const client$ = this.client$;
    this.#presence.observe(userId ? switchTo(client$, (client) => client.presence(userId)) : undefined);
    this.#card.observe(userId ? switchTo(client$, (client) => cardFor(client, userId)) : undefined);
  }

  #requestChat(): void {
    this.#popover.close();
    this.dispatchEvent(
      new CustomEvent('st-request-chat', {
        detail: { userId: this.userId },
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
  }

  /** Announces that the card is about to open; false when the page cancelled it. */
  #requestCard(reason: CardRequestReason): boolean {
    return this.dispatchEvent(
      new CustomEvent('st-request-card', {
        detail: { userId: this.userId, reason },
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
  }
}

interface LiveNameView {
  base: HTMLButtonElement;
  status: SVGSVGElement;
  mobile: SVGSVGElement;
  name: HTMLSpanElement;
  card: HTMLSpanElement;
  shownStatus: Status | undefined;
}

function icon(className: string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('focusable', 'false');
  return svg;
}

function setOrRemove(element: Element, name: string, value: string | undefined): void {
  if (value === undefined) element.removeAttribute(name);
  else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
