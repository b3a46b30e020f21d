/**
 * `<st-web-contacts>`: the person's contact list as the SDK's `contacts$` has it (so it follows
 * changes made in other tabs and devices), with Rename, Delete and Remove on the groups, "Move to…"
 * and "Nickname…" on each person, and
 * "Add contact" and a form for a new group after them (the list is what people come for). Destructive changes are confirmed first.
 * What happened is said in a polite status line; what failed in an alert.
 */
import type { Presence } from '@st/protocol/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  CollapsedGroups,
  type ContactGroup,
  type ContactMember,
  type ContactsState,
  contactsState,
  memberIds,
} from '../contacts/contact-groups.ts';
import { contactProblem, groupNameProblem } from '../contacts/contact-problems.ts';
import { presenceMap } from '../contacts/presence-map.ts';
import { ObservableController } from '../lib/observable-controller.ts';
import type { WebClient } from '../web-client.ts';
import type { AddContactClient } from './add-contact.ts';
import { confirmAction } from './confirm-dialog.ts';
import { groupId, moveFieldId, renderGroup } from './contact-group.ts';
import { moveTargets } from './contact-member-actions.ts';
import {
  type ContactNicknameDialog,
  NICKNAME_DIALOG_TAG,
  type NicknameClient,
} from './contact-nickname-dialog.ts';
import './contact-list.css';

export type ContactsClient = AddContactClient &
  NicknameClient &
  Pick<
    WebClient,
    'contacts$' | 'presence' | 'createGroup' | 'renameGroup' | 'deleteGroup' | 'removeContact' | 'moveContact'
  >;

const NO_PRESENCE: ReadonlyMap<string, Presence> = new Map();

export class ContactList extends LitElement {
  static override properties = {
    client: { attribute: false },
    hideOffline: { attribute: false },
  };

  declare client: ContactsClient | undefined;
  /** Leave out people known to be offline (the person's preference). */
  declare hideOffline: boolean;
  readonly #state = new ObservableController<ContactsState>(this);
  readonly #presence = new ObservableController<ReadonlyMap<string, Presence>>(this);
  readonly #collapsed = new CollapsedGroups();
  /** The member ids the presence map follows, so it is rebuilt only when they change. */
  #watching = '';
  #renaming: string | undefined;
  #renameProblem = '';
  /** The member whose move form is open, and the group it is in. */
  #moving: { group: string; userId: string } | undefined;
  #newGroupProblem = '';
  #notice = '';
  #problem = '';

  constructor() {
    super();
    this.client = undefined;
    this.hideOffline = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) this.load();
    const state = this.#state.value;
    if (state?.kind !== 'loaded' || !this.client) return;
    const ids = memberIds(state.groups);
    if (ids.join(',') === this.#watching) return;
    this.#watching = ids.join(',');
    const client = this.client;
    this.#presence.observe(presenceMap((id) => client.presence(id), ids));
  }

  /** Follow the list (again: after a failure, "Try again" calls this). */
  load(): void {
    const client = this.client;
    this.#watching = '';
    this.#state.observe(client ? contactsState(client.contacts$) : undefined);
  }

  get #groups(): ContactGroup[] {
    const state = this.#state.value;
    return state?.kind === 'loaded' ? state.groups : [];
  }

  /** Runs a change; returns whether it worked. The list itself follows `contacts$`. */
  async #change(change: (client: ContactsClient) => Promise<unknown>, done: string): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    this.#report('', '');
    try {
      await change(client);
      this.#report(done, '');
      return true;
    } catch (error) {
      this.#report('', contactProblem(error));
      return false;
    }
  }

  #report(notice: string, problem: string): void {
    this.#notice = notice;
    this.#problem = problem;
    this.requestUpdate();
  }

  #focusHeading(): void {
    this.querySelector<HTMLElement>('#contacts-heading')?.focus();
  }

  async #createGroup(event: Event): Promise<void> {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector('input');
    const name = input?.value.trim() ?? '';
    this.#newGroupProblem =
      groupNameProblem(
        name,
        this.#groups.map((g) => g.name),
      ) ?? '';
    this.requestUpdate();
    if (this.#newGroupProblem) return input?.focus();
    if (await this.#change((c) => c.createGroup(name), `Group “${name}” created.`)) {
      if (input) input.value = '';
    }
  }

  async #rename(group: ContactGroup, index: number, newName: string): Promise<void> {
    const names = this.#groups.map((g) => g.name);
    this.#renameProblem = groupNameProblem(newName, names, group.name) ?? '';
    if (this.#renameProblem) return this.requestUpdate();
    const wanted = newName.trim();
    const renamed =
      wanted === group.name ||
      (await this.#change((c) => c.renameGroup(group.name, wanted), `Group renamed to “${wanted}”.`));
    if (!renamed) return;
    this.#stopRenaming();
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#${groupId(index)}-summary`)?.focus();
  }

  #startRenaming(group: ContactGroup, index: number): void {
    this.#renaming = group.name;
    this.#renameProblem = '';
    this.requestUpdate();
    void this.updateComplete.then(() =>
      this.querySelector<HTMLInputElement>(`#${groupId(index)}-new-name`)?.select(),
    );
  }

  #stopRenaming(): void {
    this.#renaming = undefined;
    this.#renameProblem = '';
    this.requestUpdate();
  }

  async #delete(group: ContactGroup): Promise<void> {
    const count = group.members.length;
    const who =
      count === 0
        ? 'It is empty.'
        : count === 1
          ? 'Its 1 contact goes with it.'
          : `Its ${count} contacts go with it.`;
    const confirmed = await confirmAction({
      title: `Delete the group “${group.name}”?`,
      message: who,
      confirmLabel: 'Delete group',
    });
    if (!confirmed) return;
    if (await this.#change((c) => c.deleteGroup(group.name), `Group “${group.name}” deleted.`))
      this.#focusHeading();
  }

  async #remove(group: ContactGroup, member: ContactMember): Promise<void> {
    const confirmed = await confirmAction({
      title: `Remove ${member.displayName}?`,
      message: `${member.displayName} will no longer be in “${group.name}”.`,
      confirmLabel: 'Remove',
    });
    if (!confirmed) return;
    const done = `${member.displayName} removed from “${group.name}”.`;
    if (await this.#change((c) => c.removeContact(group.name, member.id), done)) this.#focusHeading();
  }

  #startMoving(group: ContactGroup, index: number, member: ContactMember): void {
    // The button opens the form and, pressed again, closes it.
    if (this.#moving?.group === group.name && this.#moving.userId === member.id) {
      this.#stopMoving(index, member);
      return;
    }
    this.#moving = { group: group.name, userId: member.id };
    this.requestUpdate();
    void this.updateComplete.then(() =>
      this.querySelector<HTMLSelectElement>(`#${moveFieldId(index)}`)?.focus(),
    );
  }

  #stopMoving(index: number, member: ContactMember): void {
    this.#moving = undefined;
    this.requestUpdate();
    void this.updateComplete.then(() =>
      this.#memberButton(index, member.id, '.member__move-button')?.focus(),
    );
  }

  async #move(group: ContactGroup, member: ContactMember, to: string): Promise<void> {
    const done = `${member.displayName} moved from “${group.name}” to “${to}”.`;
    if (!(await this.#change((c) => c.moveContact(member.id, group.name, to), done))) return;
    this.#moving = undefined;
    this.requestUpdate();
    await this.updateComplete;
    // Focus follows the person to their new group when it is open; else the list's heading.
    const target = this.#groups.findIndex((g) => g.name === to);
    const button =
      target < 0
        ? null
        : this.#memberButton(target, member.id, '.member__move-button, .member__nickname-button');
    if (button && button.offsetParent !== null) button.focus();
    else this.#focusHeading();
  }

  #memberButton(groupIndex: number, userId: string, selector: string): HTMLElement | null {
    const row = this.querySelector(`#${groupId(groupIndex)}-summary`)?.closest('.group');
    return row?.querySelector<HTMLElement>(`[data-member="${CSS.escape(userId)}"] :is(${selector})`) ?? null;
  }

  async #editNickname(member: ContactMember): Promise<void> {
    const dialog = this.querySelector<ContactNicknameDialog>(NICKNAME_DIALOG_TAG);
    if (!dialog) return;
    this.#report('', '');
    const notice = await dialog.edit(member);
    if (notice) this.#report(notice, '');
  }

  protected override render() {
    return html`
      <h2 class="pane-heading" id="contacts-heading" tabindex="-1">Contacts</h2>
      <p class="contacts__notice" role="status">${this.#notice}</p>
      <div class="contacts__problem" role="alert">${this.#problem ? html`<p>${this.#problem}</p>` : nothing}</div>
      ${this.#renderBody()}
      <st-web-contact-nickname .client=${this.client}></st-web-contact-nickname>
    `;
  }

  #renderBody() {
    const state = this.#state.value ?? { kind: 'loading' };
    switch (state.kind) {
      case 'loading':
        return html`<p class="contacts__note">Loading contacts…</p>`;
      case 'failed':
        return html`
          <p class="contacts__note contacts__note--problem" role="alert">${state.message}</p>
          <button class="button" type="button" @click=${() => this.load()}>Try again</button>
        `;
      case 'loaded':
        return html`
          ${
            state.groups.length === 0
              ? html`<p class="contacts__note">No groups yet: create one below.</p>`
              : html`<ul class="groups" role="list">
                ${repeat(
                  state.groups,
                  (group) => group.name,
                  (group, index) => this.#renderGroup(group, index),
                )}
              </ul>`
          }
          <div class="contacts__tools">
            <st-web-add-contact .client=${this.client} .groups=${state.groups.map((g) => g.name)}></st-web-add-contact>
            ${this.#renderNewGroup()}
          </div>
        `;
    }
  }

  #renderGroup(group: ContactGroup, index: number) {
    return renderGroup(group, index, {
      presence: this.#presence.value ?? NO_PRESENCE,
      hideOffline: this.hideOffline,
      open: this.#collapsed.isOpen(group.name),
      renaming: this.#renaming === group.name,
      renameProblem: this.#renameProblem,
      onToggle: (open) => {
        if (this.#collapsed.setOpen(group.name, open)) this.requestUpdate();
      },
      onRename: () => this.#startRenaming(group, index),
      onRenameSubmit: (newName) => void this.#rename(group, index, newName),
      onRenameCancel: () => this.#stopRenaming(),
      onDelete: () => void this.#delete(group),
      onRemove: (member) => void this.#remove(group, member),
      moving: this.#moving?.group === group.name ? this.#moving.userId : undefined,
      moveTargets: (member) => moveTargets(this.#groups, group.name, member.id),
      onMove: (member) => this.#startMoving(group, index, member),
      onMoveSubmit: (member, to) => void this.#move(group, member, to),
      onMoveCancel: () => {
        const member = group.members.find((m) => m.id === this.#moving?.userId);
        if (member) this.#stopMoving(index, member);
      },
      onNickname: (member) => void this.#editNickname(member),
    });
  }

  #renderNewGroup() {
    return html`<form class="new-group" @submit=${this.#createGroup} novalidate>
      <label for="new-group-name">New group</label>
      <div class="new-group__row">
        <input id="new-group-name" type="text" maxlength="64" autocomplete="off"
          aria-invalid=${this.#newGroupProblem ? 'true' : 'false'} aria-describedby="new-group-problem" />
        <button class="button" type="submit">Create group</button>
      </div>
      <p class="new-group__problem" id="new-group-problem" role="alert">${this.#newGroupProblem}</p>
    </form>`;
  }
}
