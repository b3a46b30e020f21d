/**
 * `<st-web-contacts>`: the person's contact groups, each a disclosure with how many are online,
 * each member a `<st-live-name>`. Server text only ever goes through Lit bindings, so it is text.
 */
import type { Presence } from '@st/protocol/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  CONTACTS_FAILED,
  CollapsedGroups,
  type ContactGroup,
  type ContactMember,
  type ContactsState,
  memberIds,
  tallyGroup,
  tallyText,
} from '../contacts/contact-groups.ts';
import { presenceMap } from '../contacts/presence-map.ts';
import { ObservableController } from '../lib/observable-controller.ts';
import type { WebClient } from '../web-client.ts';
import './contact-list.css';

export type ContactsClient = Pick<WebClient, 'contacts' | 'presence'>;

export class ContactList extends LitElement {
  static override properties = {
    client: { attribute: false },
    contacts: { state: true },
  };

  declare client: ContactsClient | undefined;
  declare contacts: ContactsState;
  readonly #presence = new ObservableController<ReadonlyMap<string, Presence>>(this);
  readonly #collapsed = new CollapsedGroups();
  /** Drops an answer to an older load when a newer one started (retry, client change). */
  #loadCount = 0;

  constructor() {
    super();
    this.client = undefined;
    this.contacts = { kind: 'loading' };
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) void this.load();
  }

  /** Fetch the groups (again). Public so the app can refresh the list, e.g. after a reconnect. */
  async load(): Promise<void> {
    const client = this.client;
    const load = ++this.#loadCount;
    if (!client) return;
    this.contacts = { kind: 'loading' };
    try {
      const groups = await client.contacts();
      if (load !== this.#loadCount) return;
      this.contacts = { kind: 'loaded', groups };
      this.#presence.observe(presenceMap((id) => client.presence(id), memberIds(groups)));
    } catch {
      if (load !== this.#loadCount) return;
      this.contacts = { kind: 'failed', message: CONTACTS_FAILED };
    }
  }

  #onToggle(name: string, event: Event): void {
    const open = (event.currentTarget as HTMLDetailsElement).open;
    if (this.#collapsed.setOpen(name, open)) this.requestUpdate();
  }

  protected override render() {
    return html`
      <h2 class="pane-heading" id="contacts-heading" tabindex="-1">Contacts</h2>
      ${this.#renderBody()}
    `;
  }

  #renderBody() {
    const state = this.contacts;
    switch (state.kind) {
      case 'loading':
        return html`<p class="contacts__note">Loading contacts…</p>`;
      case 'failed':
        return html`
          <p class="contacts__note contacts__note--problem" role="alert">${state.message}</p>
          <button class="button" type="button" @click=${() => void this.load()}>Try again</button>
        `;
      case 'loaded':
        if (state.groups.length === 0) return html`<p class="contacts__note">No contacts yet.</p>`;
        return html`<ul class="groups" role="list">
          ${repeat(
            state.groups,
            (group) => group.name,
            (group) => this.#renderGroup(group),
          )}
        </ul>`;
    }
  }

  #renderGroup(group: ContactGroup) {
    const presence = this.#presence.value ?? new Map<string, Presence>();
    const tally = tallyGroup(group, presence);
    return html`<li class="group">
      <details class="group__details" ?open=${this.#collapsed.isOpen(group.name)}
        @toggle=${(e: Event) => this.#onToggle(group.name, e)}>
        <summary class="group__summary">
          <span class="group__chevron" aria-hidden="true"></span>
          <span class="group__name">${group.name}</span><span class="visually-hidden">,</span>
          <span class="group__tally">${tallyText(tally)}</span>
        </summary>
        ${
          group.members.length === 0
            ? html`<p class="contacts__note">Nobody in this group yet.</p>`
            : html`<ul class="members" role="list" aria-label=${group.name}>
              ${repeat(
                group.members,
                (member) => member.id,
                (member) => this.#renderMember(member, presence.get(member.id)?.message ?? ''),
              )}
            </ul>`
        }
      </details>
    </li>`;
  }

  /** A person, and their status message under the name where everyone can read it. */
  #renderMember(member: ContactMember, message: string) {
    return html`<li class="member">
      <st-live-name user-id=${member.id} display-name=${member.displayName}></st-live-name>
      ${message ? html`<span class="member__message">${message}</span>` : nothing}
    </li>`;
  }
}
