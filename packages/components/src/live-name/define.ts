import { defineElement } from '../shared/define-element.ts';
import { StLiveName } from './live-name.ts';

defineElement('live-name', StLiveName);

declare global {
  interface HTMLElementTagNameMap {
    'st-live-name': StLiveName;
  }
}
