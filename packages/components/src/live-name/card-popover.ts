/**
 * The business card of a live name, as a popover: it opens when the pointer rests on the name or
 * the keyboard focuses it, stays open while the pointer is over the name or the card (or focus is
 * in either), and closes on Escape (focus goes back to the name), on a press elsewhere, or when
 * both are left. `popover="manual"` puts it in the top layer, above whatever stacking, overflow or
 * transforms the host page has; it is placed from the name's rectangle to stay on screen.
 */
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { loadTag, tagAvailable } from '../shared/lazy-tags.ts';
import type { CardRequestReason } from './live-name.ts';
import { placeCard } from './placement.ts';
import { CARD_ID, popoversSupported } from './popover-handle.ts';

/** Resting this long on a name opens its card: passing over a list of names opens nothing. */
export const HOVER_OPEN_DELAY_MS = 500;
/** Leaving the name this long closes the card: long enough to move the pointer into it. */
export const HOVER_CLOSE_DELAY_MS = 300;

/** The part of `<st-business-card>` the popover sets. */
interface CardElement extends HTMLElement {
  userId: string;
  displayName: string;
}

export interface CardPopoverOptions {
  /** The card's tag, e.g. `st-business-card` (the live name's prefix decides). */
  tag(): string;
  /** The name the card opens next to. */
  anchor(): HTMLElement | null | undefined;
  /** Where the card element lives (inside the live name's shadow root, after the name). */
  container(): HTMLElement | null | undefined;
  /** Announces the opening (`st-request-card`); false when the page cancelled it. */
  request(reason: CardRequestReason): boolean;
  /** Who the card is about, and the name to show until the directory answers. */
  person(): { userId: string; displayName: string };
}

/** The one card open on the page: opening another closes it, so cards never pile up. */
let openCard: CardPopover | undefined;

export class CardPopover implements ReactiveController {
  #card: CardElement | undefined;
  #open = false;
  #pointerInside = false;
  /** Focus is being given back to the name after Escape: that focus must not reopen the card. */
  #returningFocus = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #resizeObserver: ResizeObserver | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: CardPopoverOptions,
  ) {
    host.addController(this);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** Whether a card can open here at all (its element is defined or loadable, the browser has popovers). */
  get available(): boolean {
    return popoversSupported() && tagAvailable(this.options.tag());
  }

  hostConnected(): void {
    this.host.addEventListener('focusout', this.#onFocusOut);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('focusout', this.#onFocusOut);
    this.close();
  }

  /** The pointer entered the name: open after a rest (a mouse or pen; a tap is a click, not a hover). */
  pointerEntered(event: PointerEvent): void {
    if (event.pointerType === 'touch') return;
    this.#pointerInside = true;
    // The card's code (when it loads on demand) comes while the pointer rests.
    if (this.available) void loadTag(this.options.tag());
    this.#wait(HOVER_OPEN_DELAY_MS, () => this.open('hover'));
  }

  pointerLeft(): void {
    this.#pointerInside = false;
    this.#wait(HOVER_CLOSE_DELAY_MS, () => this.#closeUnlessInUse());
  }

  /** The name got focus: open at once when it came from the keyboard (a click starts a chat instead). */
  focused(): void {
    if (!this.#returningFocus && this.options.anchor()?.matches(':focus-visible')) this.open('focus');
  }

  open(reason: CardRequestReason): void {
    this.#clearTimer();
    if (this.#open) return;
    if (!this.available) return;
    if (!customElements.get(this.options.tag())) {
      // Its code loads on demand: open once it is here, if the name is still wanted then.
      void loadTag(this.options.tag()).then((loaded) => {
        if (loaded && this.host.isConnected && (this.#pointerInside || this.#hasFocus())) this.open(reason);
      });
      return;
    }
    if (!this.options.request(reason)) return;
    const card = this.#ensureCard();
    if (!card) return;
    openCard?.close();
    openCard = this;
    const { userId, displayName } = this.options.person();
    card.userId = userId;
    card.displayName = displayName;
    card.showPopover();
    this.#open = true;
    this.#position();
    this.#follow(card);
    this.host.requestUpdate();
  }

  close(): void {
    this.#clearTimer();
    if (!this.#open) return;
    this.#open = false;
    if (openCard === this) openCard = undefined;
    this.#unfollow();
    try {
      this.#card?.hidePopover();
    } catch {
      // Already hidden (the card left the page with its container).
    }
    this.host.requestUpdate();
  }

  #ensureCard(): CardElement | undefined {
    const container = this.options.container();
    if (!container) return undefined;
    if (this.#card?.parentElement === container) return this.#card;
    const card = document.createElement(this.options.tag()) as CardElement;
    card.id = CARD_ID;
    card.setAttribute('popover', 'manual');
    card.addEventListener('pointerenter', () => {
      this.#pointerInside = true;
      this.#clearTimer();
    });
    card.addEventListener('pointerleave', () => this.pointerLeft());
    // A chat is starting: the card has done its job.
    card.addEventListener('st-request-chat', () => this.close());
    container.append(card);
    this.#card = card;
    return card;
  }

  /** Keeps the card next to the name while the page scrolls or resizes, or the card fills in. */
  #follow(card: CardElement): void {
    window.addEventListener('scroll', this.#position, { capture: true, passive: true });
    window.addEventListener('resize', this.#position, { passive: true });
    document.addEventListener('pointerdown', this.#onPointerDown, true);
    // On the document: a card opened by hover must close on Escape wherever focus is.
    document.addEventListener('keydown', this.#onKeydown, true);
    this.#resizeObserver = new ResizeObserver(this.#position);
    this.#resizeObserver.observe(card);
  }

  #unfollow(): void {
    window.removeEventListener('scroll', this.#position, { capture: true });
    window.removeEventListener('resize', this.#position);
    document.removeEventListener('pointerdown', this.#onPointerDown, true);
    document.removeEventListener('keydown', this.#onKeydown, true);
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = undefined;
  }

  #position = (): void => {
    const anchor = this.options.anchor();
    const card = this.#card;
    if (!this.#open || !anchor || !card) return;
    const root = document.documentElement;
    const { top, left } = placeCard(
      anchor.getBoundingClientRect(),
      { width: card.offsetWidth, height: card.offsetHeight },
      { width: root.clientWidth, height: root.clientHeight },
    );
    card.style.setProperty('top', `${Math.round(top)}px`);
    card.style.setProperty('left', `${Math.round(left)}px`);
  };

  /** Escape closes the card; focus that was in it goes back to the name. */
  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.#open) return;
    event.preventDefault();
    const focusWasHere = this.#hasFocus();
    this.close();
    if (!focusWasHere) return;
    this.#returningFocus = true;
    this.options.anchor()?.focus();
    this.#returningFocus = false;
  };

  /** Focus left the name or the card: close unless it moved between them (or the pointer is over them). */
  #onFocusOut = (): void => {
    setTimeout(() => this.#closeUnlessInUse());
  };

  #onPointerDown = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this.host)) this.close();
  };

  #closeUnlessInUse(): void {
    if (this.#pointerInside || this.#hasFocus()) return;
    this.close();
  }

  /**
   * Whether focus is on the name or in the card. Not `:focus-within`: Chromium does not match it
   * on the host while focus is in a popover of its shadow tree (the top layer).
   */
  #hasFocus(): boolean {
    return (this.host.shadowRoot?.activeElement ?? null) !== null;
  }

  #wait(ms: number, then: () => void): void {
    this.#clearTimer();
    this.#timer = setTimeout(then, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
