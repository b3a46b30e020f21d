/**
 * Where RxJS meets Lit in the app: subscribe while the element is connected, unsubscribe when it
 * leaves, and ask for a render on each value (Lit batches those into one per microtask).
 * Views never call `.subscribe()` themselves.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

export class ObservableController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #source: Observable<T> | undefined;
  #subscription: Subscription | undefined;
  #connected = false;
  value: T | undefined;

  constructor(host: ReactiveControllerHost, source?: Observable<T>) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  /** Follow another stream (or none); the old subscription ends and the value resets. */
  observe(source: Observable<T> | undefined): void {
    if (source === this.#source) return;
    this.#source = source;
    this.value = undefined;
    this.#unsubscribe();
    if (this.#connected) this.#subscribe();
    this.#host.requestUpdate();
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
    this.#subscription = this.#source.subscribe((value) => {
      this.value = value;
      this.#host.requestUpdate();
    });
  }

  #unsubscribe(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }
}
