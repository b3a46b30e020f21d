import type { ContactGroup, Preferences, StClient } from '@st/client';
import { html, nothing, type PropertyValues } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { catchError, map, of, switchMap } from 'rxjs';
import { ObserveController } from '../controllers/observe.ts';
import type { RequestChatDetail } from '../events.ts';
import { StElement } from '../shared/st-element.ts';
import { ChatPanel } from './chat-panel.ts';
import { memberIds, type ShownGroup, shownGroups, tallyWords } from './contact-groups.ts';
import { contactListStyles } from './contact-list.styles.ts';
import { type PresenceBoard, presenceBoard } from './presence-board.ts';

type ListState = { kind: 'loading' } | { kind: 'loaded'; groups: ContactGroup[] } | { kind: 'failed' };

/**
 * The signed-in person's contact list, by group, with live names.
 *
 * @tagname st-contact-list
 * @summary Groups (collapsible, with how many are online) of live names; nicknames; offline people
 *   left out when the person prefers; a chat opens from a name.
 *
 * @attr hide-offline - Leave offline people out whatever the preference says (by default the
 *   person's `hideOfflineContacts` preference decides).
 * @attr no-chat - Never open a chat panel: only fire `st-request-chat` and let the page decide.
 *
 * @event st-request-chat - From a live name (click or Enter). Bubbles, composed, cancelable. When
 *   no listener cancels it, the list opens the chat itself in a floating panel.
 *
 * The list follows the person's contacts as they change (in another tab or on a phone too), and
 * every name its person's presence. The chat panel is a dialog in the corner (full screen on a
 * phone) with an `<st-chat-window>` of the same prefix; Escape or its Close button closes it and
 * focus goes back to the name.
 *
 * @csspart base - The list.
 * @csspart group - Each group.
 * @csspart group-toggle - The button that opens or closes a group (with its name and tally).
 * @csspart tally - "2 of 5 online".
 * @csspart members - A group's list of people.
 * @csspart member - Each person.
 * @csspart nickname - A person's nickname, beside their name.
 * @csspart chat-panel - The floating chat panel.
 * @csspart chat-window - The chat window inside it.
 *
 * @cssproperty --st-font - Font (default: inherited).
 * @cssproperty --st-contacts-muted-color - Tallies and nicknames (default `#596170`).
 * @cssproperty --st-contacts-hover-background - A row under the pointer (default `#f1f3f6`).
 * @cssproperty --st-focus-ring - Outline when focused (default `2px solid #1a73e8`).
 * @cssproperty --st-chat-panel-width - Width of the chat panel (default `24rem`).
 */
export class StContactList extends StElement {
  static override properties = {
    hideOffline: { type: Boolean, attribute: 'hide-offline', reflect: true },
    noChat: { type: Boolean, attribute: 'no-chat', reflect: true },
  };

  static override styles = contactListStyles;

  declare hideOffline: boolean;
  declare noChat: boolean;

  readonly #client: ObserveController<StClient | undefined>;
  readonly #list: ObserveController<ListState>;
  readonly #preferences: ObserveController<Preferences | undefined>;
  readonly #presence = new ObserveController<PresenceBoard | undefined>(this, undefined);
  readonly #collapsed = new Set<string>();
  readonly #panel = new ChatPanel(this, () => `${(this.constructor as typeof StElement).prefix}-chat-window`);
  /** The ids the presence board follows, so it is rebuilt only when they change. */
  #watching = '';

  constructor() {
    super();
    this.hideOffline = false;
    this.noChat = false;
    const client$ = this.client$;
    this.#client = new ObserveController<StClient | undefined>(this, undefined, client$);
    this.#list = new ObserveController<ListState>(
      this,
      { kind: 'loading' },
      client$.pipe(
        switchMap((client) =>
          client.contacts$.pipe(
            map((groups): ListState => ({ kind: 'loaded', groups })),
            catchError(() => of<ListState>({ kind: 'failed' })),
          ),
        ),
      ),
    );
    this.#preferences = new ObserveController<Preferences | undefined>(
      this,
      undefined,
      client$.pipe(switchMap((client) => client.settings.preferences$.pipe(catchError(() => of(undefined))))),
    );
    this.addEventListener('st-request-chat', (event) => this.#onRequestChat(event));
  }

  /** Opens the chat panel with this person (what a name does unless the page cancels it). */
  openChat(userId: string, opener?: HTMLElement): void {
    this.#panel.open(userId, opener);
  }

  closeChat(): void {
    this.#panel.close();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const state = this.#list.value;
    const client = this.#client.value;
    if (state.kind !== 'loaded' || !client) return;
    const ids = memberIds(state.groups);
    const key = ids.join(',');
    if (key === this.#watching) return;
    this.#watching = key;
    this.#presence.observe(presenceBoard((id) => client.presence(id), ids));
  }

  protected override render() {
    const state = this.#list.value;
    return html`<div part="base">
      ${
        state.kind === 'loading'
          ? html`<p class="note">Loading contacts…</p>`
          : state.kind === 'failed'
            ? html`<p class="note" role="alert">The contact list could not be loaded.</p>`
            : this.#renderGroups(state.groups)
      }
      ${this.#panel.render()}
    </div>`;
  }

  #renderGroups(groups: ContactGroup[]) {
    if (groups.length === 0) return html`<p class="note">No contacts yet.</p>`;
    const hide = this.hideOffline || this.#preferences.value?.hideOfflineContacts === true;
    const shown = shownGroups(groups, this.#presence.value?.byId ?? new Map(), hide);
    return html`<ul class="groups" role="list">
      ${repeat(
        shown,
        (group) => group.name,
        (group, index) => this.#renderGroup(group, index),
      )}
    </ul>`;
  }

  #renderGroup(group: ShownGroup, index: number) {
    const open = !this.#collapsed.has(group.name);
    const listId = `group-${index}`;
    const toggle = () => {
      if (open) this.#collapsed.add(group.name);
      else this.#collapsed.delete(group.name);
      this.requestUpdate();
    };
    const tag = unsafeStatic(`${(this.constructor as typeof StElement).prefix}-live-name`);
    return html`<li part="group" class="group">
      <button part="group-toggle" type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${listId}
        @click=${toggle}>
        <span class="chevron" aria-hidden="true"></span>
        <span class="name">${group.name}</span><span class="visually-hidden">,</span>
        <span part="tally" class="tally">${tallyWords(group)}</span>
      </button>
      <ul part="members" id=${listId} class="members" role="list" aria-label=${group.name} ?hidden=${!open}>
        ${repeat(
          group.members,
          (member) => member.id,
          // Each name follows its own presence: a row renders again only when the person's entry changes.
          (member) =>
            guard(
              [member.id, member.displayName, member.nickname],
              () =>
                staticHtml`<li part="member" class="member"><${tag} user-id=${member.id}
                display-name=${member.displayName}></${tag}>${
                  member.nickname
                    ? html`<span part="nickname" class="nickname">“${member.nickname}”</span>`
                    : nothing
                }</li>`,
            ),
        )}
        ${
          group.hiddenOffline > 0
            ? html`<li class="note">${group.hiddenOffline} offline not shown</li>`
            : nothing
        }
      </ul>
    </li>`;
  }

  #onRequestChat(event: CustomEvent<RequestChatDetail>): void {
    const userId = event.detail?.userId;
    const opener = event.composedPath()[0];
    if (!userId || this.noChat) return;
    // Listeners further up (the page's) hear it after this one: decide once they all have.
    setTimeout(() => {
      if (!event.defaultPrevented) this.openChat(userId, opener instanceof HTMLElement ? opener : undefined);
    });
  }
}
