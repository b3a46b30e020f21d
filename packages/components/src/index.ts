/**
 * The elements as a library: classes and `registerComponents`. Importing it defines nothing; call
 * `registerComponents()` (or import a `define.ts`, or `components.ts`, which do it for `st-`).
 */
export { StBusinessCard } from './business-card/business-card.ts';
export { initials, localTime, mailtoHref, telHref } from './business-card/card-fields.ts';
export {
  type ChatLeftDetail,
  type ChatUpgradedDetail,
  StChatWindow,
} from './chat-window/chat-window.ts';
export {
  conversationTitle,
  firstName,
  noticeWords,
  receiptOf,
  typingWords,
} from './chat-window/chat-words.ts';
export { parseRichText, plainText, type Segment, safeHref } from './chat-window/rich-text.ts';
export { renderRichText } from './chat-window/rich-text-view.ts';
export { StContactList } from './contact-list/contact-list.ts';
export { ObserveController } from './controllers/observe.ts';
export type { RequestCardDetail, RequestChatDetail, StatusSavedDetail } from './events.ts';
export { HOVER_CLOSE_DELAY_MS, HOVER_OPEN_DELAY_MS } from './live-name/card-popover.ts';
export { liveNameLabel, statusInWords } from './live-name/labels.ts';
export { type CardRequestReason, StLiveName } from './live-name/live-name.ts';
export { placeCard } from './live-name/placement.ts';
export { type PersonChosenDetail, StPersonSearch } from './person-search/person-search.ts';
export {
  IDLE,
  moveActive,
  SEARCH_DEBOUNCE_MS,
  type SearchState,
  searchProblem,
  searchSummary,
  typeAhead,
} from './person-search/type-ahead.ts';
export { ELEMENTS, type ElementName, type RegisterOptions, registerComponents } from './register.ts';
export { clientFor } from './session/client-for.ts';
export { findSessionElement } from './session/find-session.ts';
export { StSession } from './session/session.ts';
export { cardFor } from './shared/card-for.ts';
export { DEFAULT_PREFIX, InvalidPrefixError } from './shared/define-element.ts';
export { StElement } from './shared/st-element.ts';
export { StLeanElement } from './shared/st-lean-element.ts';
export { StStatusPicker } from './status-picker/status-picker.ts';

// Types only (erased): bring the `HTMLElementTagNameMap` entries along without defining any tag.
import type {} from './business-card/define.ts';
import type {} from './chat-window/define.ts';
import type {} from './contact-list/define.ts';
import type {} from './live-name/define.ts';
import type {} from './person-search/define.ts';
import type {} from './session/define.ts';
import type {} from './status-picker/define.ts';
