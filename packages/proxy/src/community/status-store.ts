/**
 * Statuses chosen by hand, kept in the proxy's store (store/types.ts `ChosenStatusStore`) so they
 * survive a restart. Writes are grouped: the people whose status changed within a short window are
 * written in one transaction, so a burst of status changes costs one commit.
 */
import type { ChosenStatus, ChosenStatusStore } from '../store/types.ts';

export type { ChosenStatus } from '../store/types.ts';

/** Many status changes in this window cost one write. */
const WRITE_DELAY_MS = 250;

export class StatusStore {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** People whose status changed since the last write. */
  private dirty = new Set<string>();

  constructor(
    private readonly store: ChosenStatusStore | undefined,
    /** The current status of a person, or undefined for the default. */
    private readonly current: (userId: string) => ChosenStatus | undefined,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async load(): Promise<Map<string, ChosenStatus>> {
    return this.store ? this.store.chosenStatuses() : new Map();
  }

  /** Remembers that `userId`'s status changed; it is written shortly. */
  changed(userId: string): void {
    if (!this.store) return;
    this.dirty.add(userId);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.write());
    }, WRITE_DELAY_MS);
  }

  private async write(): Promise<void> {
    if (!this.store || this.dirty.size === 0) return;
    const ids = this.dirty;
    this.dirty = new Set();
    const changes = new Map([...ids].map((id) => [id, this.current(id) ?? null]));
    try {
      await this.store.setChosenStatuses(changes);
    } catch (error) {
      // Tried again with the next change (or at shutdown), with what is current then.
      for (const id of ids) this.dirty.add(id);
      this.onError(error);
    }
  }

  /** Writes what is pending now (at shutdown). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(() => this.write());
    await this.writing;
  }
}
