/** Escaping for the pages the example renders on the server, and their common frame. */
import type { Intranet, Person } from '../people.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in an element or a quoted attribute. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A JavaScript string literal safe inside an inline `<script>` (no `</script>` can end it early). */
export function jsString(text: string): string {
  return JSON.stringify(text)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

export interface FrameOptions {
  title: string;
  head: string;
  body: string;
  intranet: Intranet;
  viewer: Person | undefined;
  /** Where the sign-in form returns to. */
  path: string;
}

/** The intranet's header (its own sign-in: a stand-in for whatever login the intranet really has). */
function header({ intranet, viewer, path }: FrameOptions): string {
  const account = viewer
    ? `<p class="account">Signed in as <strong>${html(viewer.displayName)}</strong> · <a href="/sign-out?to=${encodeURIComponent(path)}">Sign out</a></p>`
    : `<form class="account" method="get" action="/sign-in">
        <input type="hidden" name="to" value="${html(path)}">
        <label for="user">Sign in as</label>
        <select id="user" name="user">${intranet.people
          .map((p) => `<option value="${html(p.id)}">${html(p.displayName)}</option>`)
          .join('')}</select>
        <button type="submit">Sign in</button>
      </form>`;
  return `<header class="intranet">
    <a class="brand" href="/">Acme intranet</a>
    <nav><a href="/">Team</a> <a href="/links">Phone list (classic)</a></nav>
    ${account}
  </header>`;
}

export function frame(options: FrameOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(options.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/intranet.css">
${options.head}
</head>
<body>
${header(options)}
${options.body}
</body>
</html>
`;
}
