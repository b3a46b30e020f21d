/**
 * The privacy lists people set, and the one place the proxy asks who may see whom. Every list
 * that hides someone is held in memory as a `PrivacyRule` (loaded at start-up, changed with each
 * write), so checks on the presence path are a map lookup, and none at all for people without a
 * restrictive list. Writes go to the store first; the rule changes, and watchers are told, only
 * once the list is durable.
 */
import { DEFAULT_PRIVACY_LIST, type PrivacyList } from '@st/protocol';
import { Listeners } from '../listeners.ts';
import { KeyedQueue } from '../store/keyed-queue.ts';
import type { PrivacyStore } from '../store/privacy-store.ts';
import { PrivacyRule, ruleAllows, type Visibility } from './rule.ts';

/** A stored change: the new list, and the rules before and after it. */
export interface PrivacyChange {
  list: PrivacyList;
  before: PrivacyRule | undefined;
  after: PrivacyRule | undefined;
}

export class PrivacyLists implements Visibility {
  private readonly rules = new Map<string, PrivacyRule>();
  private readonly queue = new KeyedQueue();
  /** Each list stored here or by another proxy of the cluster (a community server mirrors it). */
  readonly changes = new Listeners<[userId: string, list: PrivacyList]>();

  constructor(
    private readonly store: PrivacyStore,
    private readonly options: {
      /** Ids match whatever their case (an LDAP directory). */
      foldCase: boolean;
      /** Told each change once it is stored, in the order the changes were stored. */
      onChanged: (userId: string, change: PrivacyChange) => void;
    },
  ) {}

  /** Reads every stored list; call once before serving. */
  async load(): Promise<void> {
    this.rules.clear();
    for (const { userId, ...list } of await this.store.privacyLists()) {
      const rule = PrivacyRule.of(userId, list, this.options.foldCase);
      if (rule) this.rules.set(this.key(userId), rule);
    }
  }

  /** People whose list hides them from someone. */
  get restrictiveCount(): number {
    return this.rules.size;
  }

  ruleFor(userId: string): PrivacyRule | undefined {
    return this.rules.get(this.key(userId));
  }

  /** Whether `viewerId` (`''` for a caller without a login) may see `ownerId`. */
  maySee(ownerId: string, viewerId: string): boolean {
    return ruleAllows(this.ruleFor(ownerId), viewerId);
  }

  /** The person's list; the default (everyone sees them) when they never set one. */
  async get(userId: string): Promise<PrivacyList> {
    return (await this.store.privacyList(userId)) ?? copy(DEFAULT_PRIVACY_LIST);
  }

  /** Stores `list` (each id once, in the order given) and answers it as stored. */
  set(userId: string, list: PrivacyList): Promise<PrivacyList> {
    return this.queue.run(userId, async () => {
      const stored: PrivacyList = { mode: list.mode, people: distinct(list.people, this.options.foldCase) };
      await this.store.setPrivacyList(userId, stored);
      const before = this.ruleFor(userId);
      const after = PrivacyRule.of(userId, stored, this.options.foldCase);
      if (after) this.rules.set(this.key(userId), after);
      else this.rules.delete(this.key(userId));
      this.options.onChanged(userId, { list: stored, before, after });
      this.changes.emit(userId, stored);
      return stored;
    });
  }

  /**
   * A list another proxy of the cluster stored: the rule here changes too, and `onRuleChanged`
   * hears it (watchers here are told; the person's own streams heard it from that proxy).
   */
  applyRemote(userId: string, list: PrivacyList, onRuleChanged: (change: PrivacyChange) => void): void {
    void this.queue.run(userId, async () => {
      const before = this.ruleFor(userId);
      const after = PrivacyRule.of(userId, list, this.options.foldCase);
      if (after) this.rules.set(this.key(userId), after);
      else this.rules.delete(this.key(userId));
      onRuleChanged({ list, before, after });
      this.changes.emit(userId, list);
    });
  }

  /** Rules are keyed by the owner's id, folded when ids match whatever their case. */
  private key(userId: string): string {
    return this.options.foldCase ? userId.toLowerCase() : userId;
  }
}

function copy(list: Readonly<PrivacyList>): PrivacyList {
  return { mode: list.mode, people: [...list.people] };
}

/** Each id once, first spelling kept (ids that differ only in case are one when `foldCase`). */
function distinct(ids: readonly string[], foldCase: boolean): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    const key = foldCase ? id.toLowerCase() : id;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
