/**
 * The Sametime Links Toolkit's functions on top of the SDK. Each public method is one global
 * function of the toolkit (installed on `window` by `install.ts`); what a page passes in is
 * checked, and a call that cannot work says so in the console, naming the function.
 */
import type { UserSummary } from '@st/client';
import { FollowedPeople } from './followed-people.ts';
import { GIVEN_NAME_ATTRIBUTE, LIVE_NAME_TAG, linkHtml } from './link-html.ts';
import { type ClientFactory, LinksSession, type LogoutReason } from './links-session.ts';
import { isLinksEvent, LinksEvent, type Listener, Listeners, NEVER_FIRED } from './listeners.ts';
import { planLogin } from './login-plan.ts';
import { isTruthyArgument, parseLinkOptions } from './options.ts';
import { PageElements } from './page-elements.ts';
import { componentsUrlBeside, serverFromLinksUrl } from './server-url.ts';
import { StatusWatch } from './status-watch.ts';

export interface ToolkitHost {
  /** Where the page's globals live: callbacks, named handlers and `ll_loggedIn` (`window`). */
  global: Record<string, unknown>;
  /** The page's document; without one (Node) nothing is written and no elements load. */
  document?: Document | undefined;
  /** The URL this script was loaded from: the default proxy, and where `components.js` is. */
  scriptUrl: string;
  /** How clients are made; a promise while the SDK loads. */
  createClient: ClientFactory | Promise<ClientFactory>;
  console: Pick<Console, 'error'>;
  /** Reports an exception thrown by a page callback (the others still run). */
  reportError(error: unknown): void;
  importModule(url: string): Promise<unknown>;
  fetch?: typeof fetch;
}

export class LinksToolkit {
  readonly session: LinksSession;
  readonly #host: ToolkitHost;
  readonly #listeners: Listeners;
  readonly #statuses: StatusWatch;
  readonly #people: FollowedPeople;
  readonly #elements: PageElements | undefined;
  readonly #warned = new Set<string>();

  constructor(host: ToolkitHost) {
    this.#host = host;
    this.#listeners = new Listeners({ global: host.global, reportError: host.reportError });
    this.session = new LinksSession({
      server: serverFromLinksUrl(host.scriptUrl),
      createClient: host.createClient,
      fetch: host.fetch,
      events: {
        loggedIn: (user) => this.#loggedIn(user),
        loggedOut: (reason) => this.#loggedOut(reason),
      },
    });
    this.#statuses = new StatusWatch(this.session.client$, (r) =>
      this.#listeners.fire(
        LinksEvent.UserStatusChanged,
        r.userId,
        r.displayName,
        r.code,
        r.message,
        r.groupName,
      ),
    );
    this.#people = new FollowedPeople(this.#statuses, (name, userId) => this.#renameLinks(name, userId));
    const document = host.document;
    this.#elements = document
      ? new PageElements({
          document,
          componentsUrl: componentsUrlBeside(host.scriptUrl),
          client$: this.session.client$,
          importModule: host.importModule,
          error: (message, cause) => this.#error('writeSametimeLink', message, cause),
        })
      : undefined;
    document?.addEventListener('st-request-chat', (event) => this.#vetoOfflineLink(event), true);
    host.global.ll_loggedIn = false;
  }

  setSTLinksURL(url: unknown, _language?: unknown): void {
    if (typeof url !== 'string' || !url.trim()) {
      this.#error('setSTLinksURL', 'give the proxy URL');
      return;
    }
    try {
      this.session.setServer(serverFromLinksUrl(url.trim(), this.#host.document?.baseURI));
    } catch (error) {
      this.#error('setSTLinksURL', (error as Error).message);
    }
  }

  /** Logs in as the toolkit's hidden applet did; writes nothing into the page. */
  writeSTLinksApplet(loginName: unknown, passwordOrToken: unknown, isByToken: unknown): void {
    void this.session.logIn(planLogin(loginName, passwordOrToken, isByToken));
  }

  /** The HTML of a live name, for a page that inserts it itself (`innerHTML`). */
  prepareSametimeLink(userId: unknown, displayName?: unknown, resolve?: unknown, options?: unknown): string {
    if (typeof userId !== 'string' || !userId.trim()) {
      this.#error('prepareSametimeLink', `"${String(userId)}" is not a user name`);
      return '';
    }
    const name = userId.trim();
    const shownName = typeof displayName === 'string' ? displayName : '';
    const parsed = parseLinkOptions(options);
    for (const pair of parsed.ignored)
      this.#warnOnce('writeSametimeLink', `option "${pair}" is not supported`);
    this.#elements?.start();
    this.#follow(name, shownName, isTruthyArgument(resolve));
    return linkHtml(this.#people.idFor(name), shownName, parsed.options);
  }

  /** Writes a live name where the calling script stands, with `document.write`, as the toolkit did. */
  writeSametimeLink(userId: unknown, displayName?: unknown, resolve?: unknown, options?: unknown): void {
    const document = this.#host.document;
    if (!document) {
      this.#error('writeSametimeLink', 'there is no document to write into');
      return;
    }
    // After parsing, document.write would replace the whole page.
    if (document.readyState !== 'loading') {
      this.#error(
        'writeSametimeLink',
        'the page has finished loading, so writing would replace it; insert prepareSametimeLink(...) instead',
      );
      return;
    }
    const html = this.prepareSametimeLink(userId, displayName, resolve, options);
    if (html) document.write(html);
  }

  /** Follows people ("a;b;c") for `STLinksUserStatusChanged` without showing them. */
  STLinksWatchUsers(users: unknown, resolve?: unknown): void {
    const names = Array.isArray(users) ? users : typeof users === 'string' ? users.split(/[;,]/) : [];
    const valid = names.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
    if (valid.length === 0) {
      this.#error('STLinksWatchUsers', 'give user names separated by ";"');
      return;
    }
    for (const name of valid) this.#follow(name.trim(), '', isTruthyArgument(resolve));
  }

  /**
   * Asks for a chat with the person: the cancelable `st-request-chat` event, which a page (or the
   * proxy's chat elements) answers by calling `preventDefault()`.
   */
  STLinksCreateIM(userId: unknown): void {
    if (typeof userId !== 'string' || !userId.trim()) {
      this.#error('STLinksCreateIM', 'give the user id');
      return;
    }
    const document = this.#host.document;
    const event = new CustomEvent('st-request-chat', {
      detail: { userId: this.#people.idFor(userId.trim()) },
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    if (document?.dispatchEvent(event) === false) return;
    this.#error('STLinksCreateIM', 'nothing on this page opens a chat (this proxy has no chat window yet)');
  }

  STLinksLogout(): void {
    this.session.logOut().catch((error: unknown) => this.#error('STLinksLogout', 'the logout failed', error));
  }

  STLinksAddListener(event: unknown, listener: unknown): void {
    const checked = this.#checkListener('STLinksAddListener', event, listener);
    if (!checked) return;
    if (NEVER_FIRED.has(checked.event))
      this.#warnOnce('STLinksAddListener', `places are not supported: ${checked.event} never fires`);
    this.#listeners.add(checked.event, checked.listener);
  }

  STLinksRemoveListener(event: unknown, listener: unknown): void {
    const checked = this.#checkListener('STLinksRemoveListener', event, listener);
    if (checked) this.#listeners.remove(checked.event, checked.listener);
  }

  /** A toolkit function this proxy cannot honour: says so, loudly. */
  unsupported(name: string, why: string): void {
    this.#error(name, `not supported by this proxy: ${why}`);
  }

  #follow(name: string, displayName: string, resolve: boolean): void {
    this.#people.follow(name, displayName, resolve);
    if (this.session.loggedIn) this.#resolvePending();
  }

  #loggedIn(user: UserSummary): void {
    this.#host.global.ll_loggedIn = true;
    this.#listeners.fire(LinksEvent.LoggedIn, user.id, user.displayName);
    this.#resolvePending();
  }

  #resolvePending(): void {
    void this.session.current().then((client) => this.#people.resolvePending(client));
  }

  #loggedOut(reason: LogoutReason): void {
    this.#host.global.ll_loggedIn = false;
    this.#listeners.fire(LinksEvent.LoggedOut, reason);
  }

  /** `offlineLink:no`: the name of someone offline is no link (clicking it asks for no chat). */
  #vetoOfflineLink(event: Event): void {
    const link = event.target;
    if (!(link instanceof Element) || link.localName !== LIVE_NAME_TAG) return;
    if (link.getAttribute('data-offline-link') === 'no' && link.getAttribute('status') === 'offline') {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  /** Points the links written under a name at the id it resolved to. */
  #renameLinks(name: string, userId: string): void {
    for (const link of this.#host.document?.querySelectorAll(LIVE_NAME_TAG) ?? []) {
      if (link.getAttribute(GIVEN_NAME_ATTRIBUTE) === name) link.setAttribute('user-id', userId);
    }
  }

  #checkListener(fn: string, event: unknown, listener: unknown) {
    if (!isLinksEvent(event)) {
      this.#error(fn, `"${String(event)}" is not a toolkit event (${Object.values(LinksEvent).join(', ')})`);
      return undefined;
    }
    if (typeof listener !== 'function' && (typeof listener !== 'string' || !listener)) {
      this.#error(fn, 'give a function or the name of a global function');
      return undefined;
    }
    return { event, listener: listener as Listener };
  }

  #error(fn: string, message: string, cause?: unknown): void {
    const text = `${fn}: ${message}`;
    if (cause === undefined) this.#host.console.error(text);
    else this.#host.console.error(text, cause);
  }

  #warnOnce(fn: string, message: string): void {
    const key = `${fn}: ${message}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#error(fn, message);
  }
}
