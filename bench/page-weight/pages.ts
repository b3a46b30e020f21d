/**
 * The two pages whose JavaScript is weighed: one `<st-live-name>` inside a `<st-session>` with a
 * token, loading `/st/components.js`; and a page written for the Links Toolkit, loading
 * `/st/stlinks.js`, logging in with `writeSTLinksApplet` and writing one link.
 */
/** The element a Links Toolkit link becomes. */
export const LINK_TAG = 'stlinks-live-name';

const html = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function liveNamePage(proxyUrl: string, token: string, userId: string): string {
  return `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>One live name</title>
<script type="module" src="${html(proxyUrl)}/st/components.js"></script>
<st-session server="${html(proxyUrl)}" token="${html(token)}">
  <p>Ask <st-live-name user-id="${html(userId)}"></st-live-name> about it.</p>
</st-session>
</html>
`;
}

export function linksPage(proxyUrl: string, userId: string, password: string, personId: string): string {
  const js = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>A Links Toolkit page</title>
<script type="text/javascript" src="${html(proxyUrl)}/st/stlinks.js"></script>
<script>writeSTLinksApplet(${js(userId)}, ${js(password)}, false);</script>
<p>Ask <script>writeSametimeLink(${js(personId)}, 'Person 1', false);</script> about it.</p>
</html>
`;
}
