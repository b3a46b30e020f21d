import { css, type PropertyValues, ReactiveElement } from '@lit/reactive-element';
import type { StClient } from '@st/client';
import { createClient } from '@st/client/lean';
import { BehaviorSubject, Observable, type Subscription } from 'rxjs';
import { switchTo } from '../shared/switch-to.ts';
import { type ClientSettings, clientOptions, sameSettings } from './client-options.ts';
import { resumeQuietly, scriptOrigin } from './default-client.ts';

/**
 * The connection the elements inside it share.
 *
 * @tagname st-session
 * @summary One client for every element inside it (and for the whole page when it is the only one).
 *
 * @slot - The elements that use this session; the session itself shows nothing of its own.
 *
 * @attr server - The proxy to talk to, e.g. `https://proxy.example`; defaults to the origin
 *   `components.js` was loaded from.
 * @attr token - A bearer token from `POST /api/v1/session`; without one the proxy's session cookie
 *   is used (and picked up with `resume()`). With a token the session opens its event stream as soon
 *   as it is on the page, before the elements inside it render.
 * @attr anonymous - Read-only awareness without a login, where the proxy allows it
 *   (`ST_ANONYMOUS_AWARENESS`).
 * @attr own-stream - Give this session an event stream of its own. By default the tabs of a
 *   browser that show the same proxy and login share one stream (one tab holds it and passes
 *   presence and chat to the others); a page that must not depend on another tab sets this.
 *
 * @property client - The `StClient` in use. Set it to a client the page already has (the hosted
 *   web client passes its own); the session then never closes it. Reading it makes the client
 *   from the attributes if there is none yet.
 */
export class StSession extends ReactiveElement {
  static override properties = {
    server: { type: String },
    token: { type: String },
    anonymous: { type: Boolean },
    ownStream: { type: Boolean, attribute: 'own-stream' },
  };

  static override styles = css`
    :host {
      display: contents;
    }
  `;

  declare server: string | undefined;
  declare token: string | undefined;
  declare anonymous: boolean;
  declare ownStream: boolean;

  /** The client in use; `undefined` until someone asks for one. */
  readonly #current = new BehaviorSubject<StClient | undefined>(undefined);
  /** A client given by the page: used as it is, never closed by us. */
  #given: StClient | undefined;
  /** The settings the client we made was built from (`undefined` when it was given or none). */
  #builtFrom: ClientSettings | undefined;
  /** Holds the event stream of a token session open while the session is on the page. */
  #early: Subscription | undefined;

  /**
   * The client, now and whenever it is replaced. Subscribing makes the client if there is none
   * yet, so a session that no element uses never connects.
   */
  readonly client$: Observable<StClient> = new Observable<StClient>((subscriber) => {
    this.#ensureClient();
    let last: StClient | undefined;
    return this.#current.subscribe((client) => {
      if (client === undefined || client === last) return;
      last = client;
      subscriber.next(client);
    });
  });

  constructor() {
    super();
    this.server = undefined;
    this.token = undefined;
    this.anonymous = false;
    this.ownStream = false;
    // A page may set `client` before the element is defined: a plain property then hides the
    // accessor. Take the value over so it counts.
    if (Object.hasOwn(this, 'client')) {
      const early = this as unknown as { client?: StClient };
      const given = early.client;
      delete early.client;
      this.client = given;
    }
  }

  get client(): StClient {
    return this.#ensureClient();
  }

  set client(client: StClient | undefined) {
    if (client === this.#given) return;
    this.#given = client;
    this.#connectEarly();
    this.#replaceClient();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const settingsChanged =
      changed.has('server') || changed.has('token') || changed.has('anonymous') || changed.has('ownStream');
    const built = this.#builtFrom;
    if (settingsChanged && built && !sameSettings(built, this.#settings())) this.#replaceClient();
    if (settingsChanged) this.#connectEarly();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#connectEarly();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connectEarly();
    // A session that is only moved (disconnected and connected again in one turn) keeps its client.
    queueMicrotask(() => {
      if (!this.isConnected && this.#builtFrom) this.#replaceClient();
    });
  }

  /** The one node it shows: a slot for what is inside (no template engine needed for it). */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    root.append(document.createElement('slot'));
    return root;
  }

  /**
   * A session with a token opens its event stream as it connects, before the elements inside it
   * render and subscribe: the handshake then overlaps their rendering, and a page whose elements
   * come later (after a fetch of its own) finds the stream ready. Following the session's own
   * presence is what keeps it open. Cookie sessions wait for an element: there may be no login.
   */
  #connectEarly(): void {
    const wanted = this.isConnected && !this.#given && Boolean(this.token);
    if (wanted === (this.#early !== undefined)) return;
    this.#early?.unsubscribe();
    this.#early = wanted ? switchTo(this.client$, (client) => client.myPresence$).subscribe() : undefined;
  }

  #settings(): ClientSettings {
    return {
      server: this.server || scriptOrigin(),
      token: this.token || undefined,
      anonymous: this.anonymous,
      ownStream: this.ownStream,
    };
  }

  #ensureClient(): StClient {
    const current = this.#current.value;
    if (current) return current;
    const client = this.#given ?? this.#build();
    this.#current.next(client);
    return client;
  }

  #build(): StClient {
    const settings = this.#settings();
    this.#builtFrom = settings;
    const client = createClient(clientOptions(settings));
    // Anonymous awareness has no login to pick up; a cookie session has one to resume.
    if (!settings.token && !settings.anonymous) resumeQuietly(client);
    return client;
  }

  /**
   * Switches to the next client: given, or made from the attributes if elements still listen.
   * The old one is closed only when we made it, and only after the elements moved on from it.
   */
  #replaceClient(): void {
    const old = this.#current.value;
    const madeByUs = old !== undefined && this.#builtFrom !== undefined;
    this.#builtFrom = undefined;
    this.#current.next(undefined);
    if (this.#current.observed && (this.isConnected || this.#given)) this.#ensureClient();
    if (madeByUs) old.close();
  }
}
