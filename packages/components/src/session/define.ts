import { defineElement } from '../shared/define-element.ts';
import { StSession } from './session.ts';

defineElement('session', StSession);

declare global {
  interface HTMLElementTagNameMap {
    'st-session': StSession;
  }
}
