import { StBusinessCard } from './business-card/business-card.ts';
import { StChatWindow } from './chat-window/chat-window.ts';
import { StContactList } from './contact-list/contact-list.ts';
import { StLiveName } from './live-name/live-name.ts';
import { StPersonSearch } from './person-search/person-search.ts';
import { StSession } from './session/session.ts';
import { DEFAULT_PREFIX, defineElement } from './shared/define-element.ts';
import { StStatusPicker } from './status-picker/status-picker.ts';

/**
 * Every element, by the name that follows the prefix. The session comes first: the others look for
 * it. A live name opens the business card of its own prefix.
 */
export const ELEMENTS = {
  session: StSession,
  'live-name': StLiveName,
  'business-card': StBusinessCard,
  'status-picker': StStatusPicker,
  'chat-window': StChatWindow,
  'contact-list': StContactList,
  'person-search': StPersonSearch,
} as const;
export type ElementName = keyof typeof ELEMENTS;

export interface RegisterOptions {
  /** Tags become `${prefix}-live-name`, `${prefix}-session`, ... (default `st`). */
  prefix?: string;
}

/**
 * Defines every element under a prefix, so two copies of the elements on one page never collide:
 * `registerComponents({ prefix: 'acme' })` gives `<acme-live-name>` inside `<acme-session>`.
 * Tags already defined are left alone. Returns the constructor now behind each tag.
 */
export function registerComponents({
  prefix = DEFAULT_PREFIX,
}: RegisterOptions = {}): Record<ElementName, CustomElementConstructor> {
  const defined = {} as Record<ElementName, CustomElementConstructor>;
  for (const [name, Element] of Object.entries(ELEMENTS) as [ElementName, (typeof ELEMENTS)[ElementName]][]) {
    defined[name] = defineElement(name, Element, prefix);
  }
  return defined;
}
