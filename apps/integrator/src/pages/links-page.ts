/**
 * The classic page, written the way pages were written against the Sametime Links Toolkit: inline
 * scripts, global callbacks, `writeSTLinksApplet` and `writeSametimeLink` in the body. Only the
 * script URL changed: it now points at the proxy's `/st/stlinks.js`. The server passes a single
 * sign-on assertion where such pages passed an LTPA or Sametime token.
 */
import type { Intranet, Person } from '../people.ts';
import { frame, html, jsString } from './html.ts';

export interface LinksPageOptions {
  intranet: Intranet;
  viewer: Person | undefined;
  /** A fresh assertion for the viewer; without one the page logs in anonymously. */
  assertion: string | undefined;
  proxyUrl: string;
}

/** The callbacks a classic page defines, and a listener registered by name. */
const CALLBACKS = `
var linksEvents = [];
function logLinksEvent(text) {
  linksEvents.push(text);
  var list = document.getElementById("events");
  if (list) { var item = document.createElement("li"); item.appendChild(document.createTextNode(text)); list.appendChild(item); }
}
function STLinksLoggedIn(userId, displayName) {
  logLinksEvent("STLinksLoggedIn " + userId + " " + displayName);
  document.getElementById("who").firstChild.nodeValue = displayName;
}
function STLinksLoggedOut(reason) { logLinksEvent("STLinksLoggedOut " + reason); }
function STLinksUserStatusChanged(userId, displayName, status, statusMessage, groupName) {
  logLinksEvent("STLinksUserStatusChanged " + userId + " " + status + (statusMessage ? " " + statusMessage : ""));
}
function showStatusCode(userId, displayName, status) {
  var cell = document.getElementById("code-" + userId);
  if (cell) cell.firstChild.nodeValue = String(status);
}
STLinksAddListener("STLinksUserStatusChanged", "showStatusCode");`;

function row(person: Person, options: string): string {
  return `<tr>
  <td><script type="text/javascript">writeSametimeLink(${jsString(person.id)}, ${jsString(person.displayName)}, true, ${jsString(options)});</script></td>
  <td>${html(person.title)}</td>
  <td id="code-${html(person.id)}" class="code">-</td>
</tr>`;
}

export function linksPage({ intranet, viewer, assertion, proxyUrl }: LinksPageOptions): string {
  const login =
    viewer && assertion
      ? `writeSTLinksApplet(${jsString(viewer.id)}, ${jsString(assertion)}, true);`
      : 'writeSTLinksApplet("", "", false);';
  // The on-call engineer shows as an icon only: the toolkit's "text:no".
  const rows = intranet.team.members.map((person, i) =>
    row(person, i === 3 ? 'icon:yes;text:no' : 'icon:yes'),
  );
  return frame({
    title: 'Phone list · Acme intranet',
    head: `<script type="text/javascript" src="${html(proxyUrl)}/st/stlinks.js"></script>
<script type="text/javascript">
setSTLinksURL(${jsString(`${proxyUrl}/st`)});
${CALLBACKS}
</script>`,
    intranet,
    viewer,
    path: '/links',
    body: `<main>
<h1>Phone list</h1>
<p>Logged in to Sametime as: <span id="who">nobody yet</span></p>
<script type="text/javascript">${login}</script>
<table class="phone-list">
<thead><tr><th scope="col">Name</th><th scope="col">Title</th><th scope="col">Status code</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<h2>Toolkit events</h2>
<ol id="events"></ol>
</main>`,
  });
}
