/**
 * `<st-console-sessions>`: find a person in the directory, list their sessions across the cluster
 * (refreshed every few seconds), and end one or all of them behind a confirmation.
 */
import { StError } from '@st/client';
import type { AdminSession, DirectoryPerson, UserSummary } from '@st/protocol/core';
import { html, LitElement, nothing } from 'lit';
import { confirmAction } from '../views/confirm-dialog.ts';
import type { AdminClient } from './admin-client.ts';
import { AnnounceEvent } from './announce.ts';
import { clientWords, plural, timeWords } from './console-words.ts';
import { Poller, REFRESH_MS } from './poller.ts';

function who(person: UserSummary): string {
  return person.displayName === person.id ? person.id : `${person.displayName} (${person.id})`;
}

function problemText(error: unknown): string {
  return error instanceof StError ? error.message : 'That did not work; try again.';
}

export class SessionsView extends LitElement {
  static override properties = { client: { attribute: false } };

  declare client: AdminClient | undefined;
  #found: DirectoryPerson[] | undefined;
  #person: UserSummary | undefined;
  #sessions: AdminSession[] | undefined;
  #problem = '';
  #searching = false;
  readonly #poller = new Poller(() => this.#loadSessions(false), REFRESH_MS);

  constructor() {
    super();
    this.client = undefined;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#poller.stop();
  }

  #say(text: string): void {
    this.dispatchEvent(new AnnounceEvent(text));
  }

  async #search(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const query = String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    this.#problem = '';
    if (query.length < 2) {
      this.#problem = 'Type at least 2 characters of a name, user ID or e-mail address.';
      this.requestUpdate();
      return;
    }
    if (!this.client || this.#searching) return;
    this.#searching = true;
    this.requestUpdate();
    try {
      this.#found = await this.client.searchPeople(query);
      this.#say(
        this.#found.length === 0
          ? `Nobody found for “${query}”.`
          : `${plural(this.#found.length, 'person', 'people')} found.`,
      );
    } catch (error) {
      this.#problem = problemText(error);
    } finally {
      this.#searching = false;
      this.requestUpdate();
    }
  }

  async #choose(person: UserSummary): Promise<void> {
    this.#person = person;
    this.#sessions = undefined;
    this.#poller.stop();
    await this.#loadSessions(true);
    this.#poller.start();
    await this.updateComplete;
    this.querySelector<HTMLElement>('#sessions-title')?.focus();
  }

  async #loadSessions(announce: boolean): Promise<void> {
    const person = this.#person;
    if (!this.client || !person) return;
    try {
      const answer = await this.client.sessions(person.id);
      if (this.#person !== person) return;
      this.#person = answer.user;
      this.#sessions = answer.sessions;
      if (announce) this.#say(`${who(answer.user)} has ${plural(answer.sessions.length, 'session')}.`);
    } catch (error) {
      this.#problem = problemText(error);
    }
    this.requestUpdate();
  }

  async #end(session: AdminSession | 'all'): Promise<void> {
    const person = this.#person;
    if (!person || !this.client) return;
    const all = session === 'all';
    const confirmed = await confirmAction({
      title: all ? `End every session of ${who(person)}?` : `End this session of ${who(person)}?`,
      message: all
        ? `${person.displayName} is logged out everywhere: every browser and phone must log in again.`
        : `That ${clientWords(session).toLowerCase()} session is logged out and must log in again.`,
      confirmLabel: all ? 'End all sessions' : 'End session',
    });
    if (!confirmed) return;
    this.#problem = '';
    try {
      const { ended } = all
        ? await this.client.endAllSessions(person.id)
        : await this.client.endSession(person.id, session.sessionId);
      this.#say(`Ended ${plural(ended, 'session')} of ${who(person)}.`);
    } catch (error) {
      this.#problem = problemText(error);
    }
    await this.#poller.now();
    this.querySelector<HTMLElement>('#sessions-title')?.focus();
  }

  #renderFound() {
    if (!this.#found) return nothing;
    if (this.#found.length === 0) return html`<p class="muted">Nobody found.</p>`;
    return html`<section class="panel" aria-labelledby="found-title">
      <h2 id="found-title" class="panel__title">People found</h2>
      <ul class="people">
        ${this.#found.map(
          (person) => html`<li><button class="button button--small" type="button"
            aria-pressed=${this.#person?.id === person.id ? 'true' : 'false'}
            @click=${() => void this.#choose(person)}>${who(person)}</button></li>`,
        )}
      </ul>
    </section>`;
  }

  #renderRow(session: AdminSession) {
    return html`<tr>
      <th scope="row"><code>${session.sessionId.slice(0, 8)}</code></th>
      <td>${session.nodes.join(', ')}</td>
      <td>${clientWords(session)}</td>
      <td class="agent">${session.userAgent ?? html`<span class="muted">unknown</span>`}</td>
      <td>${timeWords(session.createdAt)}</td>
      <td>${timeWords(session.lastSeenAt)}</td>
      <td class="number">${session.streams}</td>
      <td><button class="button button--small" type="button" @click=${() => void this.#end(session)}>
        End<span class="visually-hidden"> session ${session.sessionId.slice(0, 8)}</span></button></td>
    </tr>`;
  }

  #renderSessions() {
    const person = this.#person;
    if (!person) return nothing;
    const sessions = this.#sessions;
    return html`<section class="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title" class="panel__title" tabindex="-1">Sessions of ${who(person)}</h2>
      ${
        sessions === undefined
          ? html`<p class="muted">Loading…</p>`
          : sessions.length === 0
            ? html`<p>${person.displayName} has no sessions.</p>`
            : html`<p class="panel__summary">${plural(sessions.length, 'session')}, refreshed every ${REFRESH_MS / 1000} s
                <button class="button button--small button--danger-outline" type="button" @click=${() => void this.#end('all')}>
                  End all sessions</button></p>
              <div class="table-scroll" role="region" aria-label="Table of sessions" tabindex="0">
                <table class="table" id="sessions-table">
                  <thead><tr>
                    <th scope="col">Session</th><th scope="col">Nodes</th><th scope="col">Client</th>
                    <th scope="col">Browser or app</th><th scope="col">Logged in</th><th scope="col">Last seen</th>
                    <th scope="col" class="number">Streams</th><th scope="col">Action</th>
                  </tr></thead>
                  <tbody>${sessions.map((session) => this.#renderRow(session))}</tbody>
                </table>
              </div>`
      }
    </section>`;
  }

  protected override render() {
    return html`<div class="view-head">
        <h1 class="view-title" id="view-title" tabindex="-1">Sessions</h1>
      </div>
      <form class="search" role="search" @submit=${(event: SubmitEvent) => void this.#search(event)}>
        <label for="person-query">Find a person</label>
        <div class="search__row">
          <input id="person-query" name="q" type="search" autocomplete="off" spellcheck="false"
            placeholder="Name, user ID or e-mail" />
          <button class="button button--primary" type="submit" aria-disabled=${this.#searching ? 'true' : 'false'}>Find</button>
        </div>
      </form>
      <div class="problem" role="alert">${this.#problem ? html`<p>${this.#problem}</p>` : nothing}</div>
      ${this.#renderFound()}
      ${this.#renderSessions()}`;
  }
}
