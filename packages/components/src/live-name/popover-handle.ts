/**
 * The live name's side of its business-card popover. The popover's code (`card-popover.ts`) loads
 * the first time a name is hovered or focused, or a card is opened by a call, so a page of names
 * nobody points at never downloads it. Until it is here, the latest thing asked of it waits (a
 * pointer that entered and left again leaves nothing to do).
 */
import type { ReactiveControllerHost } from '@lit/reactive-element';
import { tagAvailable } from '../shared/lazy-tags.ts';
import type { CardPopover, CardPopoverOptions } from './card-popover.ts';
import type { CardRequestReason } from './live-name.ts';

/** The card's id in the live name's shadow root (its `aria-controls` points here). */
export const CARD_ID = 'card';

export const popoversSupported = () =>
  typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

export class PopoverHandle {
  #popover: CardPopover | undefined;
  #loading = false;
  #pending: ((popover: CardPopover) => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: CardPopoverOptions,
  ) {}

  get isOpen(): boolean {
    return this.#popover?.isOpen ?? false;
  }

  /** Whether a card can open here at all (its element is defined or loadable, the browser has popovers). */
  get available(): boolean {
    return popoversSupported() && tagAvailable(this.options.tag());
  }

  open(reason: CardRequestReason): void {
    this.#with((popover) => popover.open(reason));
  }

  close(): void {
    this.#popover?.close();
    this.#pending = undefined;
  }

  focused(): void {
    this.#with((popover) => popover.focused());
  }

  pointerEntered(event: PointerEvent): void {
    // A tap is a click, not a hover: nothing to load for it.
    if (event.pointerType === 'touch') return;
    this.#with((popover) => popover.pointerEntered(event));
  }

  pointerLeft(): void {
    if (this.#popover) this.#popover.pointerLeft();
    else this.#pending = undefined;
  }

  #with(action: (popover: CardPopover) => void): void {
    if (this.#popover) {
      action(this.#popover);
      return;
    }
    if (!this.available) return;
    this.#pending = action;
    if (this.#loading) return;
    this.#loading = true;
    import('./card-popover.ts').then(
      ({ CardPopover }) => {
        this.#popover = new CardPopover(this.host, this.options);
        const pending = this.#pending;
        this.#pending = undefined;
        if (pending && this.host.isConnected) pending(this.#popover);
      },
      () => {
        // Offline: the next hover or focus tries again.
        this.#loading = false;
      },
    );
  }
}
