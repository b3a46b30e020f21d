/**
 * What the per-person actions of the contact list decide before anything is sent: where a person
 * may be moved, and what a typed nickname means (an empty field takes the nickname away). Free of
 * the DOM so they can be tested as plain functions; the checks are the proxy's own.
 */
import { LIMITS } from '@st/protocol/core';
import type { ContactGroup } from '../contacts/contact-groups.ts';

/**
 * The groups a person in `from` can be moved to, in list order: every other group that does not
 * hold them already (moving into such a group would only take them out of `from`, which Remove does).
 */
export function moveTargets(groups: readonly ContactGroup[], from: string, userId: string): string[] {
  return groups
    .filter((group) => group.name !== from && !group.members.some((member) => member.id === userId))
    .map((group) => group.name);
}

export type NicknameEdit =
  | { kind: 'set'; nickname: string }
  | { kind: 'clear' }
  | { kind: 'invalid'; problem: string };

/** What the text typed into the Nickname field asks for. */
export function nicknameEdit(typed: string): NicknameEdit {
  const nickname = typed.trim().normalize('NFC');
  if (!nickname) return { kind: 'clear' };
  if (nickname.length > LIMITS.contactNicknameLength)
    return { kind: 'invalid', problem: `A nickname has at most ${LIMITS.contactNicknameLength} characters.` };
  if (/\p{Cc}/u.test(nickname))
    return { kind: 'invalid', problem: 'A nickname cannot hold control characters.' };
  return { kind: 'set', nickname };
}

/** The status line's words once a nickname change was saved. */
export function nicknameNotice(displayName: string, edit: NicknameEdit): string {
  return edit.kind === 'set'
    ? `${displayName} is now called “${edit.nickname}” in your list.`
    : `${displayName} no longer has a nickname.`;
}
