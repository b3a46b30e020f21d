import { ReactiveElement } from '@lit/reactive-element';
import type { StClient } from '@st/client';
import type { Observable } from 'rxjs';
import { clientFor } from '../session/client-for.ts';
import { DEFAULT_PREFIX } from './define-element.ts';

/**
 * `StElement` for the elements every page of live names loads at once (the live name): Lit's
 * reactive properties, controllers and styles without its template engine, which then comes only
 * with the elements loaded on first use. Such an element updates its few nodes itself.
 */
export class StLeanElement extends ReactiveElement {
  /** The prefix this class is registered under; its session element is `${prefix}-session`. */
  static prefix = DEFAULT_PREFIX;

  /** The client of this element's session, and the next one whenever the session changes it. */
  protected get client$(): Observable<StClient> {
    return clientFor(this, `${(this.constructor as typeof StLeanElement).prefix}-session`);
  }
}
