/**
 * Group commit: work items arriving in the same turn of the event loop are written together, in
 * one transaction and so one fsync, and each caller is answered after that commit. With SQLite's
 * synchronous=FULL every commit waits for the disk; sharing it lets the proxy keep up with many
 * senders at once while a lone sender waits no longer than before (the batch is flushed on the
 * next `setImmediate`, not on a timer).
 *
 * With `maxInFlight`, at most that many batches are written at once: what arrives meanwhile waits
 * and leaves as the next batch when one finishes. A store on another server (PostgreSQL) gains
 * from it: one round trip and one commit serve many messages instead of a queue of tiny batches
 * competing for connections. SQLite writes synchronously and needs no bound.
 *
 * With `enabled: false` every item is its own transaction (for comparison in the benchmark).
 */
interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T, R> {
  private pending: Pending<T, R>[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(
    /** Writes a batch; answers one result per item, in order. */
    private readonly writeBatch: (items: T[]) => Promise<R[]>,
    private readonly options: { enabled: boolean; maxBatch: number; maxInFlight?: number | undefined },
  ) {}

  write(item: T): Promise<R> {
    if (!this.options.enabled) return this.writeBatch([item]).then((results) => results[0]!);
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    // A batch that finishes flushes what waited.
    if (this.inFlight >= (this.options.maxInFlight ?? Number.POSITIVE_INFINITY)) return;
    const batch = this.pending.splice(0, this.options.maxBatch);
    this.inFlight++;
    this.writeBatch(batch.map((p) => p.item))
      .then(
        (results) => {
          for (const [i, p] of batch.entries()) p.resolve(results[i]!);
        },
        (error: unknown) => {
          for (const p of batch) p.reject(error);
        },
      )
      .finally(() => {
        this.inFlight--;
        this.flush();
      });
    if (this.pending.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
}
