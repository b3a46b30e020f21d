/**
 * Who may see one person whose privacy list is restrictive. People without such a list have no
 * rule at all, which is what keeps the presence fan-out's common case free of per-watcher checks.
 */
import { isRestrictive, type PrivacyList, type PrivacyMode, privacyAllows } from '@st/protocol';

export class PrivacyRule {
  /** The people listed, folded like every id this rule compares. */
  readonly people: ReadonlySet<string>;
  private readonly ownerKey: string;

  /**
   * `foldCase` for directories whose ids match whatever their case (LDAP), so a list that names
   * `BOB` still applies to the login `bob`.
   */
  constructor(
    readonly ownerId: string,
    readonly mode: PrivacyMode,
    people: Iterable<string>,
    private readonly foldCase: boolean,
  ) {
    this.people = new Set([...people].map((id) => this.key(id)));
    this.ownerKey = this.key(ownerId);
  }

  /** The rule for `list`, or undefined when the list hides its owner from nobody. */
  static of(ownerId: string, list: PrivacyList, foldCase: boolean): PrivacyRule | undefined {
    return isRestrictive(list) ? new PrivacyRule(ownerId, list.mode, list.people, foldCase) : undefined;
  }

  /** Whether `viewerId` may see the owner: the owner always, a caller without a login (`''`) never. */
  allows(viewerId: string): boolean {
    const viewer = this.key(viewerId);
    if (viewer === this.ownerKey) return true;
    return privacyAllows(this, viewer);
  }

  private key(id: string): string {
    return this.foldCase ? id.toLowerCase() : id;
  }
}

/** Whether `viewerId` may see a person with `rule` (no rule: everyone may). */
export function ruleAllows(rule: PrivacyRule | undefined, viewerId: string): boolean {
  return rule === undefined || rule.allows(viewerId);
}

/** What the presence fan-out asks: the rule of a person, when they have one. */
export interface Visibility {
  ruleFor(userId: string): PrivacyRule | undefined;
}
