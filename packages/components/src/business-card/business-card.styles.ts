import { css } from 'lit';

/*
 * A card that reads well on its own and as a popover next to a live name. As a popover it sits in
 * the top layer, placed by the live name with `top`/`left`; the browser's own popover box (centred,
 * bordered) is undone here. Initials colours pass 4.5:1 against white text. The status icon's
 * glyph takes --st-glyph-color (default #fff) like st-live-name's.
 */
export const businessCardStyles = css`
  /*
   * Defaults sit in each var() rather than on :host, so a value set on an outer element reaches the
   * card by inheritance: a page themes the card a live name opens by setting them on st-live-name.
   */
  :host {
    display: block;
    box-sizing: border-box;
    width: var(--st-card-width, min(22rem, calc(100vw - 1rem)));
    color: var(--st-card-color, #1b1d21);
    font: var(--st-font, inherit);
    /* A card opened from a name in a heading or a link must not look like one. */
    font-size: 0.9375rem;
    font-weight: normal;
    font-style: normal;
    line-height: 1.4;
    letter-spacing: normal;
    text-transform: none;
    text-align: start;
    white-space: normal;
  }

  :host([popover]) {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: 0;
    border: none;
    background: transparent;
    overflow: visible;
  }

  /* The browser hides a closed popover with a rule that the display above would override. */
  :host([hidden]),
  :host([popover]:not(:popover-open)) {
    display: none;
  }

  [part='base'] {
    display: grid;
    gap: 0.75rem;
    padding: var(--st-card-padding, 1rem);
    border: var(--st-card-border, 1px solid #d6dae1);
    border-radius: var(--st-card-radius, 12px);
    background: var(--st-card-background, #fff);
    box-shadow: var(--st-card-shadow, 0 2px 6px rgb(0 0 0 / 12%), 0 12px 32px rgb(0 0 0 / 14%));
    overflow-wrap: anywhere;
  }

  [part='header'] {
    display: grid;
    grid-template-columns: var(--st-avatar-size, 4rem) minmax(0, 1fr);
    gap: 0.75rem;
    align-items: center;
  }

  [part='photo'],
  [part='initials'] {
    width: var(--st-avatar-size, 4rem);
    height: var(--st-avatar-size, 4rem);
    border-radius: 50%;
  }

  [part='photo'] {
    object-fit: cover;
  }

  [part='initials'] {
    display: grid;
    place-items: center;
    color: #fff;
    font-size: calc(var(--st-avatar-size, 4rem) * 0.38);
    font-weight: 600;
    letter-spacing: 0.02em;
    user-select: none;
  }

  .c0 { background: #8e3b46; }
  .c1 { background: #2f6f4e; }
  .c2 { background: #345f9c; }
  .c3 { background: #7a4e9a; }
  .c4 { background: #9a5b13; }
  .c5 { background: #1f6f7a; }
  .c6 { background: #6b5b2e; }
  .c7 { background: #5b5f6b; }

  p {
    margin: 0;
  }

  [part='name'] {
    font-size: 1.0625rem;
    font-weight: 650;
  }

  [part='title'],
  [part='status-message'],
  dt {
    color: var(--st-card-muted-color, #596170);
  }

  [part='status'] {
    display: flex;
    align-items: center;
    gap: 0.35em;
  }

  svg {
    flex: none;
    width: 1em;
    height: 1em;
  }

  :host([status='available']) .status { color: var(--st-available-color, #2e7d32); }
  :host([status='away']) .status { color: var(--st-away-color, #b26a00); }
  :host([status='dnd']) .status { color: var(--st-dnd-color, #c62828); }
  :host([status='in-meeting']) .status { color: var(--st-in-meeting-color, #6a3fb5); }
  :host([status='not-using']) .status { color: var(--st-not-using-color, #5f7f2a); }
  :host([status='offline']) .status { color: var(--st-offline-color, #6b6b6b); }
  :host([status='unknown']) .status { color: var(--st-unknown-color, #8a8a8a); }

  [part='details'] {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.25rem 0.75rem;
    margin: 0;
  }

  dd {
    margin: 0;
  }

  a {
    color: var(--st-link-color, #0b5cad);
  }

  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  .action {
    all: unset;
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.5rem;
    min-width: 4.5rem;
    padding: 0.375rem 0.875rem;
    border: 1px solid var(--st-link-color, #0b5cad);
    border-radius: 999px;
    color: var(--st-link-color, #0b5cad);
    font-weight: 600;
    cursor: pointer;
  }

  [part='chat-button'] {
    background: var(--st-link-color, #0b5cad);
    color: var(--st-card-background, #fff);
  }

  a:focus-visible,
  .action:focus-visible {
    outline: var(--st-focus-ring, 2px solid #1a73e8);
    outline-offset: 2px;
  }
`;
