import { defineElement } from '../shared/define-element.ts';
import { StBusinessCard } from './business-card.ts';

defineElement('business-card', StBusinessCard);

declare global {
  interface HTMLElementTagNameMap {
    'st-business-card': StBusinessCard;
  }
}
