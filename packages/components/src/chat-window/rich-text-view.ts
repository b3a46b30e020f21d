/**
 * Renders parsed rich text with Lit bindings only: text is always a text node, a link's `href` an
 * attribute value already checked to be http, https or mailto. Nothing here is ever set as HTML.
 */
import { html, type nothing, type TemplateResult } from 'lit';
import { parseRichText, type Segment } from './rich-text.ts';

type Rendered = TemplateResult | string | typeof nothing;

function renderSegment(segment: Segment): Rendered {
  switch (segment.kind) {
    case 'text':
      return segment.text;
    case 'strong':
      return html`<strong>${segment.children.map(renderSegment)}</strong>`;
    case 'em':
      return html`<em>${segment.children.map(renderSegment)}</em>`;
    case 'link':
      return html`<a part="link" href=${segment.href} target="_blank" rel="noopener noreferrer">${segment.text}</a>`;
    case 'emoji':
      return html`<span class="emoji" role="img" aria-label=${segment.label} title=${segment.source}>${segment.emoji}</span>`;
    case 'break':
      return html`<br />`;
  }
}

/** Parsed texts, kept so a transcript re-rendered on every new message does not parse them again. */
const parsed = new Map<string, Segment[]>();
const PARSED_KEPT = 1000;

export function renderRichText(text: string): Rendered[] {
  let segments = parsed.get(text);
  if (!segments) {
    segments = parseRichText(text);
    if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, segments);
  }
  return segments.map(renderSegment);
}
