import type { StClient } from '@st/client';
import { LitElement } from 'lit';
import type { Observable } from 'rxjs';
import { clientFor } from '../session/client-for.ts';
import { DEFAULT_PREFIX } from './define-element.ts';

/** What every element that talks to the proxy shares: finding its client through its session. */
export class StElement extends LitElement {
  /** The prefix this class is registered under; its session element is `${prefix}-session`. */
  static prefix = DEFAULT_PREFIX;

  /** The client of this element's session, and the next one whenever the session changes it. */
  protected get client$(): Observable<StClient> {
    return clientFor(this, `${(this.constructor as typeof StElement).prefix}-session`);
  }
}
