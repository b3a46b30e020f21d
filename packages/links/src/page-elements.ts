/**
 * The live names a Links Toolkit page gets are the proxy's own `<st-live-name>` element, registered
 * under the `stlinks-` prefix so it never collides with `st-` elements the page may also use. On the
 * first link, `components.js` is imported from beside this script (lazily: a page that writes no
 * link never downloads it), and one `<stlinks-session>` is put in the document head, holding the
 * toolkit's client: every `<stlinks-live-name>` on the page finds it as the only session of its kind.
 */
import type { StClient } from '@st/client';
import type { ClientFeed, Unsubscribable } from './client-feed.ts';
import { LINK_OPTION_RULES, LINKS_PREFIX, SESSION_TAG } from './link-html.ts';

interface ComponentsModule {
  registerComponents(options: { prefix: string }): Record<string, CustomElementConstructor>;
}

export interface PageElementsOptions {
  document: Document;
  componentsUrl: string;
  client$: ClientFeed;
  /** Reports what went wrong loading the elements (the names stay plain text). */
  error(message: string, cause?: unknown): void;
  /** Loads an ES module: `import()`, passed in so the bundler leaves it alone. */
  importModule(url: string): Promise<unknown>;
}

export class PageElements {
  #started = false;
  #clientWatch: Unsubscribable | undefined;

  constructor(private readonly options: PageElementsOptions) {}

  /** Makes sure the elements load and the session exists; cheap after the first call. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const { document } = this.options;
    const session = document.createElement(SESSION_TAG);
    // Before the element is defined this is a plain property; the session takes it over on upgrade.
    this.#clientWatch = this.options.client$.subscribe((client) => {
      (session as HTMLElement & { client?: StClient }).client = client;
    });
    (document.head ?? document.documentElement).append(session);
    this.#adoptRules(document);
    this.options.importModule(this.options.componentsUrl).then(
      (module) => this.#register(module),
      (error: unknown) =>
        this.options.error(`cannot load ${this.options.componentsUrl}; names stay plain text`, error),
    );
  }

  stop(): void {
    this.#clientWatch?.unsubscribe();
  }

  #register(module: unknown): void {
    const register = (module as Partial<ComponentsModule>).registerComponents;
    if (typeof register !== 'function') {
      this.options.error(`${this.options.componentsUrl} has no registerComponents; names stay plain text`);
      return;
    }
    register({ prefix: LINKS_PREFIX });
  }

  /** The option rules as a constructable stylesheet; browsers without one show every part. */
  #adoptRules(document: Document): void {
    if (typeof CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in document)) return;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(LINK_OPTION_RULES);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    } catch {
      // An old engine without constructable stylesheets: icon:no and text:no are not honoured.
    }
  }
}
