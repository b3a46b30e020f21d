import { css } from 'lit';

export const chatWindowStyles = css`
  :host {
    --st-font: inherit;
    --st-chat-height: 28rem;
    --st-chat-background: #fff;
    --st-chat-color: #1b1d21;
    --st-chat-muted-color: #596170;
    --st-chat-border: 1px solid #d6dae1;
    --st-chat-own-background: #e3effd;
    --st-chat-other-background: #f1f3f6;
    --st-chat-accent: #0b5cad;
    --st-chat-error-color: #b3261e;
    --st-focus-ring: 2px solid #1a73e8;
    display: block;
    font: var(--st-font);
    color: var(--st-chat-color);
    height: var(--st-chat-height);
    min-height: 12rem;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    height: 100%;
    background: var(--st-chat-background);
    border: var(--st-chat-border);
    border-radius: 8px;
    overflow: hidden;
  }
  header {
    padding: 0.5rem 0.75rem;
    border-bottom: var(--st-chat-border);
  }
  .header-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .title {
    margin: 0;
    font-size: 1.05em;
    font-weight: 600;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .actions,
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }
  button {
    font: inherit;
    font-size: 0.9em;
    padding: 0.3rem 0.6rem;
    border: var(--st-chat-border);
    border-radius: 6px;
    background: var(--st-chat-background);
    color: inherit;
    cursor: pointer;
    min-height: 2rem;
  }
  button[aria-pressed='true'],
  button.primary,
  [part='send-button'] {
    background: var(--st-chat-accent);
    border-color: var(--st-chat-accent);
    color: #fff;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :is(button, input, textarea, a, [part='transcript']):focus-visible {
    outline: var(--st-focus-ring);
    outline-offset: 2px;
  }
  .participants {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    list-style: none;
    margin: 0.375rem 0 0;
    padding: 0;
    font-size: 0.9em;
  }
  .muted,
  .status,
  .notice,
  time,
  .receipt,
  .offline,
  .typing {
    color: var(--st-chat-muted-color);
  }
  .picker,
  .topic-form {
    display: grid;
    gap: 0.375rem;
    margin-top: 0.5rem;
    position: relative;
  }
  input {
    font: inherit;
    padding: 0.35rem 0.5rem;
    border: var(--st-chat-border);
    border-radius: 6px;
    min-width: 0;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0.1rem 0.1rem 0.1rem 0.5rem;
    border-radius: 999px;
    background: var(--st-chat-other-background);
  }
  .chip button {
    min-height: 0;
    padding: 0 0.4rem;
    border: 0;
    background: transparent;
  }
  .invitation {
    padding: 0.5rem 0.75rem;
    background: var(--st-chat-own-background);
    border-bottom: var(--st-chat-border);
  }
  .invitation p {
    margin: 0 0 0.375rem;
  }
  [part='transcript'] {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 0.5rem 0.75rem;
  }
  [part~='load-older'] {
    display: block;
    margin: 0 auto 0.5rem;
  }
  .messages {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
  }
  .message {
    max-width: min(85%, 40rem);
    padding: 0.35rem 0.6rem;
    border-radius: 10px;
    background: var(--st-chat-other-background);
    align-self: flex-start;
    overflow-wrap: anywhere;
  }
  .message.first {
    margin-top: 0.4rem;
  }
  .message.own {
    align-self: flex-end;
    background: var(--st-chat-own-background);
  }
  .meta {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    font-size: 0.8em;
  }
  .sender {
    font-weight: 600;
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
  }
  .text a {
    color: var(--st-chat-accent);
  }
  .receipt,
  .offline {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font-size: 0.78em;
  }
  .receipt svg,
  .offline svg {
    width: 1em;
    height: 1em;
  }
  .receipt-read {
    color: var(--st-chat-accent);
  }
  .receipt-failed,
  .error,
  .problem {
    color: var(--st-chat-error-color);
  }
  /* Words stay for screen readers on every message; on screen only on the last of mine. */
  .message.own:not(:last-child) .receipt-words {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .failed {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem;
    margin-top: 0.25rem;
    font-size: 0.85em;
  }
  .notice {
    align-self: center;
    font-size: 0.85em;
    margin: 0.25rem 0;
  }
  .typing,
  .problem {
    margin: 0;
    padding: 0 0.75rem;
    min-height: 1.3em;
    font-size: 0.85em;
  }
  .composer {
    display: flex;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem 0.75rem;
    align-items: flex-end;
  }
  textarea {
    flex: 1;
    font: inherit;
    resize: none;
    padding: 0.45rem 0.6rem;
    border: var(--st-chat-border);
    border-radius: 8px;
    min-height: 2.6rem;
    max-height: 10rem;
    field-sizing: content;
    min-width: 0;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--st-chat-error-color);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --st-chat-background: #1d2026;
      --st-chat-color: #e8eaee;
      --st-chat-muted-color: #a9b0bc;
      --st-chat-border: 1px solid #3a3f49;
      --st-chat-own-background: #1f3a5a;
      --st-chat-other-background: #2a2e36;
      --st-chat-accent: #7ab4f5;
    }
    button[aria-pressed='true'],
    button.primary,
    [part='send-button'] {
      color: #0b1220;
    }
  }
`;
