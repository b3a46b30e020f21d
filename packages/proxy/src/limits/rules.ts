/** Every rate limit of the proxy, in one place (docs/security.md lists them with their keys). */
import { LIMITS } from '@st/protocol';
import type { Rule } from './bucket.ts';

const perWindow = (count: number, seconds: number) => count / seconds;

export const RULES = {
  /** Key: `<person> <address>`. */
  loginPersonAddress: {
    name: 'login-person-address',
    what: 'login attempts for this user id from this address',
    burst: LIMITS.loginAttempts,
    perSecond: perWindow(LIMITS.loginAttempts, LIMITS.loginWindowSeconds),
  },
  /** Key: the address (IPv6 by /64). */
  loginAddress: {
    name: 'login-address',
    what: 'login attempts from this address',
    burst: LIMITS.loginAttemptsPerAddress,
    perSecond: perWindow(LIMITS.loginAttemptsPerAddress, LIMITS.loginAddressWindowSeconds),
  },
  /** Key: the person, folded as the directory folds ids. */
  loginPerson: {
    name: 'login-person',
    what: 'login attempts for this user id',
    burst: LIMITS.loginAttemptsPerPerson,
    perSecond: perWindow(LIMITS.loginAttemptsPerPerson, LIMITS.loginPersonWindowSeconds),
  },
  search: {
    name: 'search',
    what: 'directory searches',
    burst: LIMITS.searchBurst,
    perSecond: LIMITS.searchesPerSecond,
  },
  contactWrites: {
    name: 'contact-writes',
    what: 'contact-list changes',
    burst: LIMITS.contactWrites,
    perSecond: perWindow(LIMITS.contactWrites, LIMITS.contactWriteWindowSeconds),
  },
  /** Privacy lists and preferences share this one budget. */
  settingsWrites: {
    name: 'settings-writes',
    what: 'settings changes',
    burst: LIMITS.settingsWrites,
    perSecond: perWindow(LIMITS.settingsWrites, LIMITS.settingsWriteWindowSeconds),
  },
  statusChanges: {
    name: 'status-changes',
    what: 'status or idleness changes',
    burst: LIMITS.statusChangeBurst,
    perSecond: perWindow(LIMITS.statusChangesPerMinute, 60),
  },
  invitations: {
    name: 'invitations',
    what: 'invitations',
    burst: LIMITS.invitationBurst,
    perSecond: perWindow(LIMITS.invitationsPerMinute, 60),
  },
  announcements: {
    name: 'announcements',
    what: 'announcements',
    burst: LIMITS.announcementBurst,
    perSecond: perWindow(LIMITS.announcementsPerMinute, 60),
  },
  chatActions: {
    name: 'chat-actions',
    what: 'chat actions',
    burst: LIMITS.chatActionBurst,
    perSecond: LIMITS.chatActionsPerSecond,
  },
  /** Per WebSocket connection, local to it. */
  wsFrames: {
    name: 'ws-frames',
    what: 'WebSocket frames',
    burst: LIMITS.wsFrameBurst,
    perSecond: LIMITS.wsFramesPerSecond,
  },
} as const satisfies Record<string, Rule>;

/** The chat message budget is a setting (ST_CHAT_MESSAGE_BURST, ST_CHAT_MESSAGES_PER_SECOND). */
export function messageRule(burst: number, perSecond: number): Rule {
  return { name: 'messages', what: 'messages', burst, perSecond };
}
