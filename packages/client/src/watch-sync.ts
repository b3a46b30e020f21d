/**
 * Keeps the proxy's watch list in step with the people the page shows: changes from every caller
 * are collected and flushed once per macrotask as `watch` frames split at the proxy's limit; ids
 * wanted before the stream is open go out when it says hello, and a new stream gets everything.
 */
import { type HelloFrame, WATCH_IDS_PER_MESSAGE } from '@st/protocol/core';
import { FrameBudget } from './frame-budget.ts';
import type { ReplyFrame } from './stream-connection.ts';
import { TickBatcher } from './tick.ts';
import { WatchSet } from './watch-set.ts';

export interface FrameSender {
  readonly isReady: boolean;
  send(frame: object): boolean;
}

export class WatchSync {
  private readonly watches = new WatchSet();
  private readonly tick = new TickBatcher(() => this.flush());
  private limit: number = WATCH_IDS_PER_MESSAGE;
  private nextFrameId = 1;
  /** Ids added by each frame not yet acknowledged. */
  private readonly awaitingAck = new Map<number, string[]>();

  constructor(
    private readonly sender: FrameSender,
    private readonly budget = new FrameBudget(),
  ) {}

  /** People wanted, whether or not the proxy has been told yet. */
  get size(): number {
    return this.watches.size;
  }

  want(id: string): void {
    this.watches.want(id);
    this.tick.schedule();
  }

  unwant(id: string): void {
    this.watches.unwant(id);
    this.tick.schedule();
  }

  hello(hello: HelloFrame, fresh: boolean): void {
    this.limit = hello.limits.watchIdsPerMessage;
    if (fresh) {
      this.awaitingAck.clear();
      this.watches.resendAll();
    } else {
      for (const ids of this.awaitingAck.values()) this.watches.unconfirmed(ids);
      this.awaitingAck.clear();
    }
    this.flush();
  }

  /** Events were lost: ask for everyone again, which brings a presence snapshot. */
  gap(): void {
    this.watches.resendAll();
    this.tick.schedule();
  }

  reply(frame: ReplyFrame): void {
    const added = this.awaitingAck.get(frame.id ?? -1);
    if (added === undefined) return;
    this.awaitingAck.delete(frame.id!);
    // A refused add (the session's watch limit) stays unwatched rather than being retried forever.
    if (frame.type === 'error') this.watches.refused(added);
  }

  flush(): void {
    this.tick.cancel();
    if (!this.sender.isReady || !this.watches.hasChanges) return;
    const wait = this.budget.waitMs();
    if (wait > 0) {
      // Out of frames for now: what changes meanwhile joins this flush.
      this.tick.schedule(wait);
      return;
    }
    const changes = this.watches.take(this.limit);
    this.budget.spend(changes.length);
    for (const change of changes) {
      const id = this.nextFrameId++;
      this.awaitingAck.set(id, change.add);
      this.sender.send({ type: 'watch', id, add: change.add, remove: change.remove });
    }
  }

  stop(): void {
    this.tick.cancel();
  }
}
