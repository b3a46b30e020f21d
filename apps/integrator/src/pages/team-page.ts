/**
 * The modern page: one module script from the proxy and its elements, inside one `<st-session>`
 * that the server filled in (a token after single sign-on, or `anonymous`). No inline script or
 * style, so it runs under the strict Content-Security-Policy the server sends with it.
 */
import type { Intranet, Person } from '../people.ts';
import type { ViewerSession } from '../proxy-session.ts';
import { frame, html } from './html.ts';

export interface TeamPageOptions {
  intranet: Intranet;
  viewer: Person | undefined;
  session: ViewerSession;
  proxyUrl: string;
}

function memberRow(person: Person): string {
  return `<li><st-live-name user-id="${html(person.id)}" display-name="${html(person.displayName)}"></st-live-name>
      <span class="title">${html(person.title)}</span></li>`;
}

export function teamPage({ intranet, viewer, session, proxyUrl }: TeamPageOptions): string {
  const { team } = intranet;
  const lead = team.members[0];
  const sessionAttributes =
    session.kind === 'token'
      ? `server="${html(proxyUrl)}" token="${html(session.token)}"`
      : `server="${html(proxyUrl)}" anonymous`;
  const notice =
    session.kind === 'anonymous'
      ? `<p class="notice" role="status">${html(session.why)}: presence is shown anonymously, read-only.</p>`
      : '';
  // Elements not defined by this proxy's version show their fallback text.
  const signedInOnly =
    session.kind === 'token' && lead
      ? `<section class="me" aria-labelledby="me-title">
        <h2 id="me-title">Your status</h2>
        <st-status-picker></st-status-picker>
      </section>
      <section class="chat" aria-labelledby="chat-title">
        <h2 id="chat-title">Ask ${html(lead.displayName)}</h2>
        <st-chat-window peer="${html(lead.id)}"><p>Chat opens here once this proxy offers it.</p></st-chat-window>
      </section>`
      : '';
  const contact = lead
    ? `<section class="contact" aria-labelledby="contact-title">
        <h2 id="contact-title">Your support contact</h2>
        <st-business-card user-id="${html(lead.id)}"><p>${html(lead.displayName)}, ${html(lead.title)}</p></st-business-card>
      </section>`
    : '';
  return frame({
    title: `${team.name} team · Acme intranet`,
    head: `<script type="module" src="${html(proxyUrl)}/st/components.js"></script>`,
    intranet,
    viewer,
    path: '/',
    body: `<main>
    ${notice}
    <st-session ${sessionAttributes}>
      <section class="team" aria-labelledby="team-title">
        <h1 id="team-title">${html(team.name)} team</h1>
        <ul>${team.members.map(memberRow).join('')}</ul>
      </section>
      ${contact}
      ${signedInOnly}
    </st-session>
  </main>`,
  });
}
