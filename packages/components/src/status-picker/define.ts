import { defineElement } from '../shared/define-element.ts';
import { StStatusPicker } from './status-picker.ts';

defineElement('status-picker', StStatusPicker);

declare global {
  interface HTMLElementTagNameMap {
    'st-status-picker': StStatusPicker;
  }
}
