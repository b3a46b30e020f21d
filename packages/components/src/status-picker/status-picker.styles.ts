import { css } from 'lit';

export const statusPickerStyles = css`
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
    --st-indicator-size: 1em;
    --st-error-color: #b3261e;
    --st-gap: 0.5em;
    display: block;
    font: var(--st-font);
  }

  [part='base'] {
    display: grid;
    grid-template-columns: max-content minmax(0, 22em);
    align-items: center;
    gap: var(--st-gap);
  }

  [part~='label'] {
    font-weight: 600;
  }

  .field {
    display: flex;
    align-items: center;
    gap: 0.4em;
    min-width: 0;
  }

  select,
  input {
    font: inherit;
    min-width: 0;
    flex: 1;
  }

  svg {
    flex: none;
    width: var(--st-indicator-size);
    height: var(--st-indicator-size);
  }

  [part='feedback'] {
    grid-column: 1 / -1;
    margin: 0;
    min-height: 1.2em;
  }

  [part='feedback'].error {
    color: var(--st-error-color);
  }

  [part='feedback']:empty {
    min-height: 0;
  }

  .status.available { color: var(--st-available-color); }
  .status.away { color: var(--st-away-color); }
  .status.dnd { color: var(--st-dnd-color); }
  .status.in-meeting { color: var(--st-in-meeting-color); }
  .status.not-using { color: var(--st-not-using-color); }
  .status.offline { color: var(--st-offline-color); }
  .status.unknown { color: var(--st-unknown-color); }
`;
