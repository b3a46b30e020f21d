/**
 * The small rich-text subset of chat messages, parsed into data the element renders with Lit
 * bindings, so a message is never interpreted as HTML: `*bold*`, `_italic_`, links (only http,
 * https and mailto; `www.` gets https), emoticons as emoji, and line breaks. Everything else,
 * `<b>` and `<img onerror>` included, stays text.
 */
import { EMOTICONS } from './emoticons.ts';

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: Segment[] }
  | { kind: 'link'; href: string; text: string }
  | { kind: 'emoji'; emoji: string; label: string; source: string }
  | { kind: 'break' };

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** Candidates for links: a scheme we allow, or `www.`; checked again with `URL` before use. */
const LINK = /\b(?:https?:\/\/|mailto:|www\.)[^\s<>"]+/gi;
/** Characters that end a sentence rather than a URL. */
const TRAILING = /[.,;:!?'"]+$/;
const MARKERS: Record<string, 'strong' | 'em'> = { '*': 'strong', _: 'em' };
/** What may stand right before an opening marker or after a closing one. */
const BOUNDARY = /[\s([{"'.,;:!?)\]}>-]/;

/** The safe URL a link candidate stands for, or `undefined` when it is not one. */
export function safeHref(candidate: string): string | undefined {
  const withScheme = /^www\./i.test(candidate) ? `https://${candidate}` : candidate;
  try {
    const url = new URL(withScheme);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Cuts sentence punctuation and an unbalanced closing parenthesis off a URL's end. */
function trimLink(raw: string): string {
  let link = raw.replace(TRAILING, '');
  while (link.endsWith(')') && count(link, '(') < count(link, ')'))
    link = link.slice(0, -1).replace(TRAILING, '');
  return link;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

export function parseRichText(text: string): Segment[] {
  const segments: Segment[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (index > 0) segments.push({ kind: 'break' });
    segments.push(...parseLine(line));
  });
  return merge(segments);
}

function parseLine(line: string): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const match of line.matchAll(LINK)) {
    const start = match.index ?? 0;
    if (start < at) continue;
    const raw = trimLink(match[0]);
    const href = safeHref(raw);
    if (!href) continue;
    segments.push(...parseEmphasis(line.slice(at, start), 0));
    segments.push({ kind: 'link', href, text: raw });
    at = start + raw.length;
  }
  segments.push(...parseEmphasis(line.slice(at), 0));
  return segments;
}

function isBoundary(char: string | undefined): boolean {
  return char === undefined || BOUNDARY.test(char);
}

/** `*bold*` and `_italic_`: a marker after a boundary, closed by the same marker before one. */
function parseEmphasis(text: string, depth: number): Segment[] {
  if (!text) return [];
  if (depth < 2) {
    for (let i = 0; i < text.length; i++) {
      const marker = text[i]!;
      const kind = MARKERS[marker];
      if (
        !kind ||
        !isBoundary(text[i - 1]) ||
        !text[i + 1] ||
        /\s/.test(text[i + 1]!) ||
        text[i + 1] === marker
      )
        continue;
      const end = closingMarker(text, marker, i + 2);
      if (end < 0) continue;
      return [
        ...emoticons(text.slice(0, i)),
        { kind, children: parseEmphasis(text.slice(i + 1, end), depth + 1) },
        ...parseEmphasis(text.slice(end + 1), depth),
      ];
    }
  }
  return emoticons(text);
}

function closingMarker(text: string, marker: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === marker && !/\s/.test(text[j - 1]!) && isBoundary(text[j + 1])) return j;
  }
  return -1;
}

function emoticons(text: string): Segment[] {
  if (!text) return [];
  const segments: Segment[] = [];
  let plain = '';
  for (const part of text.split(/(\s+)/)) {
    const emoticon = EMOTICONS[part];
    if (!emoticon) {
      plain += part;
      continue;
    }
    if (plain) segments.push({ kind: 'text', text: plain });
    plain = '';
    segments.push({ kind: 'emoji', emoji: emoticon.emoji, label: emoticon.label, source: part });
  }
  if (plain) segments.push({ kind: 'text', text: plain });
  return segments;
}

/** Adjacent text segments joined, so the DOM holds as few nodes as possible. */
function merge(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (segment.kind === 'text' && last?.kind === 'text')
      merged[merged.length - 1] = { kind: 'text', text: last.text + segment.text };
    else merged.push(segment);
  }
  return merged;
}

/** The message as plain words (emoji by their source), e.g. for notifications. */
export function plainText(segments: readonly Segment[]): string {
  return segments.map(segmentText).join('');
}

function segmentText(segment: Segment): string {
  if (segment.kind === 'text' || segment.kind === 'link') return segment.text;
  if (segment.kind === 'emoji') return segment.emoji;
  if (segment.kind === 'break') return '\n';
  return plainText(segment.children);
}
