import type { CommunityServer, SessionContribution } from '../community/types.ts';

/**
 * The kind of a live session, as a number: bit 0 idle, bit 1 mobile. A person's presence depends
 * only on which kinds are live (not on how many of each), so the proxy keeps counts per kind and
 * tells the community only when the set of kinds changes: the 10,000th tab of a person costs an
 * increment, not a merge over 10,000 sessions.
 */
export type SessionKind = 0 | 1 | 2 | 3;
/** A source (stream or login) that currently contributes nothing. */
export const NOT_COUNTED = -1;
export type CountedKind = SessionKind | typeof NOT_COUNTED;

export function sessionKind(idle: boolean, mobile: boolean): SessionKind {
  return ((idle ? 1 : 0) | (mobile ? 2 : 0)) as SessionKind;
}

/** The contributions for each set of kinds (a 4-bit mask), built once. */
const CONTRIBUTIONS: readonly (readonly SessionContribution[])[] = Array.from({ length: 16 }, (_, mask) =>
  Object.freeze(
    [0, 1, 2, 3]
      .filter((kind) => mask & (1 << kind))
      .map((kind) => Object.freeze({ idle: (kind & 1) !== 0, mobile: (kind & 2) !== 0 })),
  ),
);

/** The session kinds of a 4-bit mask (how a shared community sends them between proxies). */
export function contributionsOf(mask: number): readonly SessionContribution[] {
  return CONTRIBUTIONS[mask & 15]!;
}

/** The 4-bit mask of a list of session kinds. */
export function maskOf(sessions: readonly SessionContribution[]): number {
  let mask = 0;
  for (const s of sessions) mask |= 1 << sessionKind(s.idle, s.mobile);
  return mask;
}

interface PersonTally {
  counts: [number, number, number, number];
  /** The mask last told to the community. */
  sentMask: number;
}

export class PresenceTally {
  private readonly people = new Map<string, PersonTally>();
  private readonly dirty = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly community: CommunityServer,
    private readonly onError: (error: unknown, userId: string) => void,
  ) {}

  /** Moves one source of `userId` from one kind to another (either may be NOT_COUNTED). */
  move(userId: string, from: CountedKind, to: CountedKind): void {
    if (from === to) return;
    let person = this.people.get(userId);
    if (!person) {
      person = { counts: [0, 0, 0, 0], sentMask: 0 };
      this.people.set(userId, person);
    }
    if (from !== NOT_COUNTED) person.counts[from]--;
    if (to !== NOT_COUNTED) person.counts[to]++;
    this.dirty.add(userId);
    if (!this.scheduled) {
      this.scheduled = true;
      // A microtask groups the moves of one request or frame (a stream replaced by its successor,
      // a login handing over to its first stream) so the person does not flap.
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    for (const userId of this.dirty) {
      const person = this.people.get(userId)!;
      let mask = 0;
      for (let kind = 0; kind < 4; kind++) if (person.counts[kind as SessionKind] > 0) mask |= 1 << kind;
      if (mask !== person.sentMask) {
        person.sentMask = mask;
        this.community.setSessions(userId, CONTRIBUTIONS[mask]!).catch((e) => this.onError(e, userId));
      }
      if (mask === 0) this.people.delete(userId);
    }
    this.dirty.clear();
  }
}
