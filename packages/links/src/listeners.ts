/**
 * The toolkit's events. A page gets them in two ways, both kept: by defining a global function
 * named after the event (`function STLinksLoggedIn(id, name) {...}`), and by
 * `STLinksAddListener("STLinksUserStatusChanged", "myHandler")`, where the handler is a function or
 * the name of a global function (looked up when the event fires, as the toolkit did).
 */

export const LinksEvent = {
  LoggedIn: 'STLinksLoggedIn',
  LoggedOut: 'STLinksLoggedOut',
  UserStatusChanged: 'STLinksUserStatusChanged',
  UserEnteredPlace: 'STLinksUserEnteredPlace',
  UserLeftPlace: 'STLinksUserLeftPlace',
} as const;
export type LinksEvent = (typeof LinksEvent)[keyof typeof LinksEvent];

const EVENT_NAMES = new Set<string>(Object.values(LinksEvent));

/** Place events are accepted but never fire: this proxy has no places. */
export const NEVER_FIRED: ReadonlySet<string> = new Set([
  LinksEvent.UserEnteredPlace,
  LinksEvent.UserLeftPlace,
]);

export function isLinksEvent(name: unknown): name is LinksEvent {
  return typeof name === 'string' && EVENT_NAMES.has(name);
}

// biome-ignore lint/complexity/noBannedTypes: page callbacks take whatever arguments the event has.
type Callback = Function;
export type Listener = Callback | string;

export interface ListenerHost {
  /** Where global callbacks and named handlers live (`window` in a page). */
  global: Record<string, unknown>;
  /** Reports a handler that threw, without stopping the other handlers. */
  reportError(error: unknown): void;
}

export class Listeners {
  readonly #added = new Map<LinksEvent, Listener[]>();

  constructor(private readonly host: ListenerHost) {}

  add(event: LinksEvent, listener: Listener): void {
    const list = this.#added.get(event) ?? [];
    if (!list.includes(listener)) list.push(listener);
    this.#added.set(event, list);
  }

  remove(event: LinksEvent, listener: Listener): void {
    const list = this.#added.get(event);
    if (!list) return;
    const index = list.indexOf(listener);
    if (index >= 0) list.splice(index, 1);
  }

  /** Calls the global callback of that name and every listener, each function once. */
  fire(event: LinksEvent, ...args: unknown[]): void {
    const callbacks = new Set<Callback>();
    const global = this.host.global[event];
    if (typeof global === 'function') callbacks.add(global);
    for (const listener of this.#added.get(event) ?? []) {
      const callback = typeof listener === 'string' ? this.host.global[listener] : listener;
      if (typeof callback === 'function') callbacks.add(callback);
    }
    for (const callback of callbacks) {
      try {
        callback.apply(undefined, args);
      } catch (error) {
        this.host.reportError(error);
      }
    }
  }
}
