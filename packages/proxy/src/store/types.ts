/**
 * What must survive a restart, behind an asynchronous interface so that a store shared by a
 * cluster of proxies (Redis, a SQL server) can replace the embedded SQLite one without touching
 * the routes. Every method is atomic: a change is either wholly stored or not at all, and once its
 * promise resolves it is durable (it survives a crash of the process or the machine).
 *
 * Contact lists are changed by operations (`ContactChange`) rather than by writing whole lists, so
 * that two tabs changing different groups at once both win, and so a shared store can apply each
 * operation where the data lives.
 */
import type { SettableStatus } from '@st/protocol';
import type { ChatStore } from './chat-types.ts';
import type { DeviceStore } from './device-store.ts';
import type { PrivacyStore } from './privacy-store.ts';

/** A member of a stored group. The name is the one the directory gave when the member was added. */
export interface StoredMember {
  id: string;
  displayName: string;
  /** The nickname the list's owner gave the person (one per person, whatever their groups). */
  nickname?: string;
}

export interface StoredGroup {
  name: string;
  /** In the order they were added (a moved member goes to the end of its new group). */
  members: StoredMember[];
}

/** The operations on a contact list. Group names are already trimmed and normalised. */
export type ContactChange =
  | { op: 'createGroup'; name: string }
  | { op: 'renameGroup'; name: string; newName: string }
  | { op: 'deleteGroup'; name: string }
  /** Adding someone already in the group changes nothing (and is no error). */
  | { op: 'addMember'; group: string; member: StoredMember }
  /** Removing someone not in the group changes nothing (and is no error). */
  | { op: 'removeMember'; group: string; userId: string }
  /**
   * Moves `userId` from one group to the end of another. When it is no longer in `from` but
   * already in `to` (a retried move), nothing changes; when it is in neither, it is an error.
   */
  | { op: 'moveMember'; userId: string; from: string; to: string }
  /** Sets `userId`'s nickname (null removes it); the person must be in one of the groups. */
  | { op: 'setNickname'; userId: string; nickname: string | null };

export interface ContactStore {
  /** The person's stored groups in order, or null when they have never changed their list. */
  contacts(userId: string): Promise<StoredGroup[] | null>;
  /** Whether the person has a stored list (a list emptied by hand is stored, and empty). */
  hasContacts(userId: string): Promise<boolean>;
  /**
   * Applies `change` and answers the whole list after it. When the person has no stored list yet,
   * `seed` (what the directory offers) is stored first, in the same transaction; it is ignored
   * when a list exists. Throws a `ContactListError` when the change cannot apply.
   */
  changeContacts(userId: string, change: ContactChange, seed: readonly StoredGroup[]): Promise<StoredGroup[]>;
}

/** Per-person settings of the clients (sound, bring chat to front, ...), as JSON values by key. */
export interface PreferenceStore {
  preferences(userId: string): Promise<Record<string, unknown>>;
  /** Sets one preference; `undefined` removes it. */
  setPreference(userId: string, key: string, value: unknown): Promise<void>;
  /** Sets several preferences in one transaction; `undefined` removes one. */
  setPreferences(userId: string, values: Record<string, unknown>): Promise<void>;
}

/** A status a person chose by hand (people who chose nothing are available, with no message). */
export interface ChosenStatus {
  status: SettableStatus;
  message: string;
}

/** The statuses people chose, so they survive a restart of the community server. */
export interface ChosenStatusStore {
  /** Every stored status, by person. */
  chosenStatuses(): Promise<Map<string, ChosenStatus>>;
  /** Stores several people's statuses in one transaction; null forgets a person's. */
  setChosenStatuses(changes: ReadonlyMap<string, ChosenStatus | null>): Promise<void>;
}

export interface Store extends ContactStore, PreferenceStore, PrivacyStore, ChosenStatusStore {
  /** Conversations, messages, offline deliveries and announcements (chat-types.ts). */
  readonly chat: ChatStore;
  /** Push devices; closed with the store (its own `close` does nothing). */
  readonly devices: DeviceStore;
  /** Which database holds the store (the System Console shows it). */
  readonly kind: 'sqlite' | 'postgresql';
  /** Resolves once the database answered a trivial query (health checks); rejects when it cannot. */
  ping(): Promise<void>;
  /** Finishes pending work and releases the database; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** Limits a store enforces, so every implementation refuses the same things. */
export interface ContactLimits {
  groups: number;
  membersPerGroup: number;
}

/** Why a contact-list change could not apply; the routes turn each into a catalogue error. */
export class ContactListError extends Error {
  override name = 'ContactListError';
}

/** The group named does not exist in the person's list. */
export class GroupNotFoundError extends ContactListError {
  override name = 'GroupNotFoundError';
  constructor(readonly group: string) {
    super(`There is no group "${group}" in your contact list.`);
  }
}

/** A group of that name already exists. */
export class GroupExistsError extends ContactListError {
  override name = 'GroupExistsError';
  constructor(readonly group: string) {
    super(`There is already a group "${group}" in your contact list.`);
  }
}

/** The member to move is in neither group. */
export class MemberNotFoundError extends ContactListError {
  override name = 'MemberNotFoundError';
  constructor(
    readonly userId: string,
    readonly group: string,
  ) {
    super(`"${userId}" is not in the group "${group}".`);
  }
}

/** The person is in no group of the list (a nickname needs them there). */
export class ContactNotFoundError extends ContactListError {
  override name = 'ContactNotFoundError';
  constructor(readonly userId: string) {
    super(`"${userId}" is not in your contact list.`);
  }
}

/** The change would pass `ContactLimits`. */
export class ContactLimitError extends ContactListError {
  override name = 'ContactLimitError';
}

/** The database was written by a newer version of the proxy than this one. */
export class StoreVersionError extends Error {
  override name = 'StoreVersionError';
}
