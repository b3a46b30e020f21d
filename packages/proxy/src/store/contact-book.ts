/**
 * The contact lists people see: the stored list when there is one, else what the directory offers
 * (the demo's "Team"), which is stored with the first change. Display names come from the
 * directory at read time, so a renamed person shows their new name; the stored names stand in when
 * the directory no longer knows someone or cannot be reached.
 */
import type { ContactGroup, UserSummary } from '@st/protocol';
import { type Directory, DirectoryUnavailableError } from '../directory/types.ts';
import { KeyedQueue } from './keyed-queue.ts';
import type { ContactChange, ContactStore, StoredGroup } from './types.ts';

/** At most this many ids per directory lookup, so one large list is several modest queries. */
const LOOKUP_BATCH = 1000;

export class ContactBook {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly store: ContactStore,
    private readonly directory: Directory,
    /** Told every list after a change, in the order the changes were stored. */
    private readonly onChanged: (userId: string, groups: ContactGroup[]) => void,
  ) {}

  /** The person's groups, in order. */
  async list(userId: string): Promise<ContactGroup[]> {
    const stored = await this.store.contacts(userId);
    if (stored === null) return this.directory.contacts(userId);
    return this.withCurrentNames(stored);
  }

  /** The directory's summary of `userId`, or null when it knows no such person. */
  async person(userId: string): Promise<UserSummary | null> {
    const [card] = await this.directory.getPeople([userId]);
    return card ? { id: card.id, displayName: card.displayName } : null;
  }

  /**
   * Applies `change` (after seeding the list from the directory when the person has none stored)
   * and answers the whole list; throws the store's `ContactListError`s.
   */
  change(userId: string, change: ContactChange): Promise<ContactGroup[]> {
    return this.queue.run(userId, async () => {
      const seed: StoredGroup[] = (await this.store.hasContacts(userId))
        ? []
        : await this.directory.contacts(userId);
      const groups = await this.withCurrentNames(await this.store.changeContacts(userId, change, seed));
      this.onChanged(userId, groups);
      return groups;
    });
  }

  private async withCurrentNames(groups: StoredGroup[]): Promise<ContactGroup[]> {
    const ids = [...new Set(groups.flatMap((g) => g.members.map((m) => m.id)))];
    const names = new Map<string, string>();
    try {
      for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
        const cards = await this.directory.getPeople(ids.slice(i, i + LOOKUP_BATCH));
        for (const card of cards) names.set(card.id, card.displayName);
      }
    } catch (error) {
      if (!(error instanceof DirectoryUnavailableError)) throw error;
    }
    return groups.map((group) => ({
      name: group.name,
      members: group.members.map((m) => ({
        id: m.id,
        displayName: names.get(m.id) ?? m.displayName,
        ...(m.nickname === undefined ? {} : { nickname: m.nickname }),
      })),
    }));
  }
}
