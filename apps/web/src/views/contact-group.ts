/**
 * One contact group on screen: a disclosure with the online tally, each member a `<st-live-name>`
 * (hover or focus opens their business card) with "Move to…", "Nickname…" and Remove buttons, and
 * Rename and Delete for the group. While being renamed the group shows a small form instead of its
 * buttons; a member being moved shows one under their name, in the same way. Server text only
 * ever goes through Lit bindings, so it is text.
 */
import type { Presence } from '@st/protocol/core';
import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  type ContactGroup,
  type ContactMember,
  shownMembers,
  tallyGroup,
  tallyText,
} from '../contacts/contact-groups.ts';

export interface GroupView {
  presence: ReadonlyMap<string, Presence>;
  /** Leave out members known to be offline (the person's preference). */
  hideOffline: boolean;
  open: boolean;
  renaming: boolean;
  /** Why the name typed into the rename form cannot be used ('' when it can). */
  renameProblem: string;
  onToggle(open: boolean): void;
  onRename(): void;
  onRenameSubmit(newName: string): void;
  onRenameCancel(): void;
  onDelete(): void;
  onRemove(member: ContactMember): void;
  /** The id of the member of this group whose move form is open, if any. */
  moving: string | undefined;
  /** The groups a member of this one can be moved to (none: no "Move to…" button). */
  moveTargets(member: ContactMember): string[];
  onMove(member: ContactMember): void;
  onMoveSubmit(member: ContactMember, to: string): void;
  onMoveCancel(): void;
  onNickname(member: ContactMember): void;
}

/** A group's DOM id, from its position: names may hold any character. */
export const groupId = (index: number) => `group-${index}`;

export function renderGroup(group: ContactGroup, index: number, view: GroupView) {
  const tally = tallyGroup(group, view.presence);
  const members = shownMembers(group, view.presence, view.hideOffline);
  const hidden = group.members.length - members.length;
  const id = groupId(index);
  return html`<li class="group">
    <details class="group__details" ?open=${view.open}
      @toggle=${(e: Event) => view.onToggle((e.currentTarget as HTMLDetailsElement).open)}>
      <summary class="group__summary" id="${id}-summary">
        <span class="group__chevron" aria-hidden="true"></span>
        <span class="group__name">${group.name}</span><span class="visually-hidden">,</span>
        <span class="group__tally">${tallyText(tally)}</span>
      </summary>
      ${
        group.members.length === 0
          ? html`<p class="contacts__note">Nobody in this group yet.</p>`
          : html`<ul class="members" role="list" aria-label=${group.name}>
            ${repeat(
              members,
              (member) => member.id,
              (member) => renderMember(group, index, member, view),
            )}
          </ul>`
      }
      ${hidden > 0 ? html`<p class="contacts__note">${hidden} offline not shown.</p>` : nothing}
      ${view.renaming ? renderRenameForm(group, id, view) : renderGroupTools(group, view)}
    </details>
  </li>`;
}

/**
 * A person, their status message under the name, and a button to take them out of the group.
 * Rendered again only when what it shows changed: a list of 2,000 people re-renders on every
 * status change, and most rows stay as they were (each live name follows its presence itself).
 */
function renderMember(group: ContactGroup, index: number, member: ContactMember, view: GroupView) {
  const message = view.presence.get(member.id)?.message ?? '';
  const moving = view.moving === member.id;
  const targets = view.moveTargets(member);
  // The handlers are left out of the key: they only use the group's name and the member, both in it.
  const key = [
    group.name,
    index,
    member.id,
    member.displayName,
    member.nickname,
    message,
    moving,
    targets.join('\n'),
  ];
  return guard(key, () => memberRow(group, index, member, message, moving, targets, view));
}

function memberRow(
  group: ContactGroup,
  index: number,
  member: ContactMember,
  message: string,
  moving: boolean,
  targets: string[],
  view: GroupView,
) {
  const who = member.displayName;
  return html`<li class="member" data-member=${member.id}>
    <div class="member__who">
      <st-live-name user-id=${member.id} display-name=${who}></st-live-name>
      ${member.nickname ? html`<span class="member__nickname">“${member.nickname}”</span>` : nothing}
      ${message ? html`<span class="member__message">${message}</span>` : nothing}
    </div>
    <div class="member__tools">
      ${
        targets.length > 0
          ? html`<button class="text-button member__move-button" type="button" aria-label="Move ${who} to another group"
              aria-expanded=${moving ? 'true' : 'false'} @click=${() => view.onMove(member)}>Move to…</button>`
          : nothing
      }
      <button class="text-button member__nickname-button" type="button" aria-label="Nickname for ${who}"
        aria-haspopup="dialog" @click=${() => view.onNickname(member)}>Nickname…</button>
      <button class="icon-button member__remove" type="button"
        aria-label="Remove ${who} from ${group.name}" title="Remove from ${group.name}"
        @click=${() => view.onRemove(member)}><span aria-hidden="true">×</span></button>
    </div>
    ${moving && targets.length > 0 ? renderMoveForm(group, index, member, targets, view) : nothing}
  </li>`;
}

/** The move form's select: one form is open at a time, so the group's position is enough. */
export const moveFieldId = (groupIndex: number) => `${groupId(groupIndex)}-move-to`;

function renderMoveForm(
  group: ContactGroup,
  index: number,
  member: ContactMember,
  targets: string[],
  view: GroupView,
) {
  const field = moveFieldId(index);
  const submit = (event: Event) => {
    event.preventDefault();
    const select = (event.currentTarget as HTMLFormElement).querySelector('select');
    if (select?.value) view.onMoveSubmit(member, select.value);
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    view.onMoveCancel();
  };
  return html`<form class="member__move" @submit=${submit} @keydown=${cancelOnEscape} novalidate>
    <label for=${field}>Move ${member.displayName} from ${group.name} to</label>
    <div class="member__move-row">
      <select id=${field}>
        ${targets.map((name) => html`<option .value=${name}>${name}</option>`)}
      </select>
      <button class="button button--primary" type="submit">Move</button>
      <button class="button" type="button" @click=${() => view.onMoveCancel()}>Cancel</button>
    </div>
  </form>`;
}

function renderGroupTools(group: ContactGroup, view: GroupView) {
  return html`<div class="group__tools">
    <button class="text-button" type="button" aria-label="Rename group ${group.name}"
      @click=${() => view.onRename()}>Rename</button>
    <button class="text-button text-button--danger" type="button" aria-label="Delete group ${group.name}"
      @click=${() => view.onDelete()}>Delete group</button>
  </div>`;
}

function renderRenameForm(group: ContactGroup, id: string, view: GroupView) {
  const field = `${id}-new-name`;
  const submit = (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector('input');
    view.onRenameSubmit(input?.value ?? '');
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    view.onRenameCancel();
  };
  return html`<form class="group__rename" @submit=${submit} @keydown=${cancelOnEscape} novalidate>
    <label for=${field}>New name for ${group.name}</label>
    <div class="group__rename-row">
      <input id=${field} type="text" .value=${group.name} maxlength="64" autocomplete="off"
        aria-invalid=${view.renameProblem ? 'true' : 'false'} aria-describedby="${field}-problem" />
      <button class="button button--primary" type="submit">Save</button>
      <button class="button" type="button" @click=${() => view.onRenameCancel()}>Cancel</button>
    </div>
    <p class="group__rename-problem" id="${field}-problem" role="alert">${view.renameProblem}</p>
  </form>`;
}
