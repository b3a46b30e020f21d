import { defineElement } from '../shared/define-element.ts';
import { StPersonSearch } from './person-search.ts';

defineElement('person-search', StPersonSearch);

declare global {
  interface HTMLElementTagNameMap {
    'st-person-search': StPersonSearch;
  }
  interface HTMLElementEventMap {
    'st-person-chosen': CustomEvent<import('./person-search.ts').PersonChosenDetail>;
  }
}
