// The card the live name opens: defined with it, so importing this one file is enough.
import '../business-card/define.ts';
import { defineElement } from '../shared/define-element.ts';
import { StLiveName } from './live-name.ts';

defineElement('live-name', StLiveName);

declare global {
  interface HTMLElementTagNameMap {
    'st-live-name': StLiveName;
  }
}
