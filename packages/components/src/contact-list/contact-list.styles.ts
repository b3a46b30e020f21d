import { css } from 'lit';

export const contactListStyles = css`
  :host {
    --st-font: inherit;
    --st-contacts-muted-color: #596170;
    --st-contacts-hover-background: #f1f3f6;
    --st-focus-ring: 2px solid #1a73e8;
    --st-chat-panel-width: 24rem;
    display: block;
    font: var(--st-font);
  }
  * {
    box-sizing: border-box;
  }
  .groups,
  .members {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .members[hidden] {
    display: none;
  }
  [part='group-toggle'] {
    all: unset;
    display: flex;
    align-items: baseline;
    gap: 0.5em;
    width: 100%;
    padding: 0.4em 0.25em;
    cursor: pointer;
    font-weight: 600;
  }
  [part='group-toggle']:focus-visible,
  .close:focus-visible {
    outline: var(--st-focus-ring);
    outline-offset: 2px;
  }
  .chevron::before {
    content: '▸';
    display: inline-block;
    transition: transform 0.15s;
  }
  [aria-expanded='true'] .chevron::before {
    transform: rotate(90deg);
  }
  .tally,
  .nickname,
  .note {
    color: var(--st-contacts-muted-color);
    font-weight: normal;
    font-size: 0.9em;
  }
  .member {
    display: flex;
    align-items: baseline;
    gap: 0.4em;
    padding: 0.25em 0.25em 0.25em 1.5em;
    border-radius: 6px;
    /* Rows off screen are neither laid out nor painted: long lists stay smooth as statuses change. */
    content-visibility: auto;
    contain-intrinsic-size: auto 2em;
  }
  .member:hover {
    background: var(--st-contacts-hover-background);
  }
  .note {
    padding: 0.25em 0.25em 0.25em 1.5em;
    margin: 0;
  }
  .chat-panel {
    position: fixed;
    right: 1rem;
    bottom: 1rem;
    width: min(var(--st-chat-panel-width), calc(100vw - 2rem));
    z-index: 1000;
    box-shadow: 0 8px 30px rgb(0 0 0 / 0.25);
    border-radius: 8px;
  }
  .close {
    position: absolute;
    top: -0.75rem;
    right: -0.75rem;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    border: 1px solid #d6dae1;
    background: #fff;
    color: #1b1d21;
    font: inherit;
    font-size: 1.2rem;
    cursor: pointer;
    z-index: 1;
  }
  @media (max-width: 480px) {
    .chat-panel {
      inset: 0;
      width: auto;
      border-radius: 0;
    }
    .chat-panel [part='chat-window'] {
      --st-chat-height: 100dvh;
    }
    .close {
      top: 0.5rem;
      right: 0.5rem;
    }
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
