import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { Observable, Subscription } from 'rxjs';

/**
 * Where RxJS meets Lit: the one place elements subscribe to a stream.
 *
 * It subscribes when the host connects and unsubscribes when it disconnects, so an element that
 * leaves the page releases what it watched (and the SDK can let go of the person). However many
 * values arrive in one turn, the host is asked to update at most once per microtask.
 */
export class ObserveController<T> implements ReactiveController {
  /** The latest value the stream emitted; `initial` until the first one (and after `observe`). */
  value: T;
  /** The error the stream ended with, if it did; cleared by `observe`. */
  error: unknown = undefined;

  readonly #host: ReactiveControllerHost;
  readonly #initial: T;
  #source: Observable<T> | undefined;
  #subscription: Subscription | undefined;
  #connected = false;
  #updateQueued = false;

  constructor(host: ReactiveControllerHost, initial: T, source?: Observable<T>) {
    this.#host = host;
    this.#initial = initial;
    this.value = initial;
    this.#source = source;
    host.addController(this);
  }

  /** Follows another stream (or none): drops the old one and starts from `initial` again. */
  observe(source: Observable<T> | undefined): void {
    this.#unsubscribe();
    this.#source = source;
    this.value = this.#initial;
    this.error = undefined;
    this.#scheduleUpdate();
    if (this.#connected) this.#subscribe();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe();
  }

  #subscribe(): void {
    if (!this.#source || this.#subscription) return;
    this.#subscription = this.#source.subscribe({
      next: (value) => {
        this.value = value;
        this.#scheduleUpdate();
      },
      error: (error: unknown) => {
        this.error = error;
        this.#scheduleUpdate();
      },
    });
  }

  #unsubscribe(): void {
    const subscription = this.#subscription;
    this.#subscription = undefined;
    subscription?.unsubscribe();
  }

  #scheduleUpdate(): void {
    if (this.#updateQueued) return;
    this.#updateQueued = true;
    queueMicrotask(() => {
      this.#updateQueued = false;
      this.#host.requestUpdate();
    });
  }
}
