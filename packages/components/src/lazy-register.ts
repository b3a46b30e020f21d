/**
 * Registration for `/st/components.js`: the session and the live name are defined at once; the
 * business card, the chat window, the contact list, the person search and the status picker are
 * chunks of their own, fetched when a page first uses one (an element in the document, a card opening), so a page
 * of live names loads no chat code.
 */
import { StLiveName } from './live-name/live-name.ts';
import type { ElementName, RegisterOptions } from './register.ts';
import { StSession } from './session/session.ts';
import { DEFAULT_PREFIX, defineElement, type ElementClass } from './shared/define-element.ts';
import { loadTag, registerLazyTag } from './shared/lazy-tags.ts';
import { loadWhenUsed } from './shared/load-when-used.ts';

const EAGER = { session: StSession, 'live-name': StLiveName } as const;

type LazyName = Exclude<ElementName, keyof typeof EAGER>;
type Classes = Partial<Record<ElementName, ElementClass>>;

/** Each lazy element's chunk (a list loads the chat window's when it first opens a chat). */
const CHUNKS: Record<LazyName, () => Promise<Classes>> = {
  'business-card': async () => ({
    'business-card': (await import('./business-card/business-card.ts')).StBusinessCard,
  }),
  'chat-window': async () => {
    // "Add people" in the window is a person search: its code comes along.
    const [chat, search] = await Promise.all([
      import('./chat-window/chat-window.ts'),
      import('./person-search/person-search.ts'),
    ]);
    return { 'chat-window': chat.StChatWindow, 'person-search': search.StPersonSearch };
  },
  'contact-list': async () => ({
    'contact-list': (await import('./contact-list/contact-list.ts')).StContactList,
  }),
  'person-search': async () => ({
    'person-search': (await import('./person-search/person-search.ts')).StPersonSearch,
  }),
  'status-picker': async () => ({
    'status-picker': (await import('./status-picker/status-picker.ts')).StStatusPicker,
  }),
};

function isLazy(name: string): name is LazyName {
  return Object.hasOwn(CHUNKS, name);
}

/**
 * Defines every element under a prefix (`acme` gives `<acme-live-name>` inside `<acme-session>`):
 * the light ones now, the others when first used. Tags already defined are left alone. Returns the
 * constructors defined now; `loadElement` gives the others.
 */
export function registerComponents({
  prefix = DEFAULT_PREFIX,
}: RegisterOptions = {}): Partial<Record<ElementName, CustomElementConstructor>> {
  const defined: Partial<Record<ElementName, CustomElementConstructor>> = {};
  for (const [name, Element] of Object.entries(EAGER) as [keyof typeof EAGER, ElementClass][]) {
    defined[name] = defineElement(name, Element, prefix);
  }
  for (const name of Object.keys(CHUNKS) as LazyName[]) {
    registerLazyTag(`${prefix}-${name}`, async () => {
      for (const [other, Element] of Object.entries(await CHUNKS[name]()) as [string, ElementClass][]) {
        defineElement(other, Element, prefix);
      }
    });
  }
  loadWhenUsed(Object.keys(CHUNKS).map((name) => `${prefix}-${name}`));
  return defined;
}

/** The constructor behind `${prefix}-${name}`, loading its code first when it loads lazily. */
export async function loadElement(
  name: ElementName,
  prefix = DEFAULT_PREFIX,
): Promise<CustomElementConstructor | undefined> {
  const tag = `${prefix}-${name}`;
  if (isLazy(name)) await loadTag(tag);
  return customElements.get(tag);
}
