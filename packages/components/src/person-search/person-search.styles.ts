import { css } from 'lit';

export const personSearchStyles = css`
  :host {
    display: block;
    font: var(--st-font, inherit);
  }
  label {
    display: block;
    margin-block-end: 0.25rem;
  }
  .combo {
    position: relative;
  }
  input {
    box-sizing: border-box;
    inline-size: 100%;
    font: inherit;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--st-person-search-border, #767676);
    border-radius: 4px;
    background: var(--st-person-search-background, Canvas);
    color: inherit;
  }
  input:focus-visible {
    outline: var(--st-focus-ring, 2px solid #1a73e8);
    outline-offset: 1px;
  }
  ul {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 100%;
    z-index: 10;
    margin: 2px 0 0;
    padding: 0.25rem 0;
    list-style: none;
    max-block-size: 16rem;
    overflow-y: auto;
    background: var(--st-person-search-background, Canvas);
    border: 1px solid var(--st-person-search-border, #767676);
    border-radius: 4px;
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
  }
  ul[hidden] {
    display: none;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
    padding: 0.4rem 0.6rem;
    cursor: pointer;
  }
  li:hover {
    background: var(--st-person-search-hover, rgb(0 0 0 / 0.06));
  }
  /* The active option: a bar as well as a colour, so it is never colour alone. */
  li[aria-selected='true'] {
    background: var(--st-person-search-active, #e8f0fe);
    color: var(--st-person-search-active-text, inherit);
    box-shadow: inset 3px 0 0 var(--st-person-search-active-bar, #1a73e8);
  }
  .detail {
    font-size: 0.875em;
    opacity: 0.85;
    overflow-wrap: anywhere;
  }
  p {
    margin: 0.25rem 0 0;
    min-block-size: 1.2em;
    font-size: 0.875em;
    color: var(--st-person-search-muted, #595959);
  }
  p.problem {
    color: var(--st-person-search-problem, #b3261e);
  }
`;
