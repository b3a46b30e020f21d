/**
 * The number on the app icon. Until the chat store can say how many messages a person has not
 * read, it is the number of pushes sent to them since one of their sessions was last in the
 * foreground (the app clears the icon when it opens).
 */
export interface BadgeSource {
  /** Counts one more push for the person and answers the badge it should show. */
  next(userId: string): Promise<number>;
  /** The person came to the foreground: the count starts again. */
  reset(userId: string): void;
}

export class PushCountBadges implements BadgeSource {
  private readonly counts = new Map<string, number>();

  async next(userId: string): Promise<number> {
    const count = (this.counts.get(userId) ?? 0) + 1;
    this.counts.set(userId, count);
    return count;
  }

  reset(userId: string): void {
    this.counts.delete(userId);
  }
}
