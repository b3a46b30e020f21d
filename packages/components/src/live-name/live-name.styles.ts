import { css } from '@lit/reactive-element';

/*
 * Colours chosen for at least 3:1 contrast against white for the indicator; the shape carries the
 * meaning as well, so they may be themed freely through the custom properties.
 */
export const liveNameStyles = css`
  :host {
    --st-available-color: #2e7d32;
    --st-away-color: #b26a00;
    --st-dnd-color: #c62828;
    --st-in-meeting-color: #6a3fb5;
    --st-not-using-color: #5f7f2a;
    --st-offline-color: #6b6b6b;
    --st-unknown-color: #8a8a8a;
    --st-glyph-color: #fff;
    --st-font: inherit;
    --st-indicator-size: 0.95em;
    --st-focus-ring: 2px solid #1a73e8;
    display: inline;
    font: var(--st-font);
  }

  /* Inline, not flex, so the name sits on the text baseline of the sentence around it. */
  [part='base'] {
    all: unset;
    display: inline;
    cursor: pointer;
    color: inherit;
    font: inherit;
    line-height: inherit;
    border-radius: 0.2em;
  }

  [part='base']:focus-visible {
    outline: var(--st-focus-ring);
    outline-offset: 1px;
  }

  [part='base']:hover [part='name'] {
    text-decoration: underline;
  }

  [part='indicator'] {
    white-space: nowrap;
    margin-inline-end: 0.3em;
  }

  svg {
    display: inline-block;
    width: var(--st-indicator-size);
    height: var(--st-indicator-size);
    vertical-align: -0.125em;
  }

  .mobile {
    width: calc(var(--st-indicator-size) * 0.8);
    height: calc(var(--st-indicator-size) * 0.8);
    margin-inline-start: 0.05em;
    vertical-align: -0.08em;
  }

  :host([status='available']) .status { color: var(--st-available-color); }
  :host([status='away']) .status { color: var(--st-away-color); }
  :host([status='dnd']) .status { color: var(--st-dnd-color); }
  :host([status='in-meeting']) .status { color: var(--st-in-meeting-color); }
  :host([status='not-using']) .status { color: var(--st-not-using-color); }
  :host([status='offline']) .status { color: var(--st-offline-color); }
  :host([status='unknown']) .status { color: var(--st-unknown-color); }
`;
