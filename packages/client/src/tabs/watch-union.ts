/**
 * The one watch list of a stream shared by several tabs: each tab (a source) wants its own people,
 * and the stream watches a person while any source wants them.
 */
import type { WatchTarget } from '../presence-hub.ts';

export class WatchUnion {
  private readonly counts = new Map<string, number>();
  private readonly bySource = new Map<string, Set<string>>();

  constructor(private readonly target: WatchTarget) {}

  /** A watch target for one source. */
  source(name: string): WatchTarget {
    return { want: (id) => this.add(name, id), unwant: (id) => this.remove(name, id) };
  }

  add(source: string, id: string): void {
    let ids = this.bySource.get(source);
    if (!ids) {
      ids = new Set();
      this.bySource.set(source, ids);
    }
    if (ids.has(id)) return;
    ids.add(id);
    const count = this.counts.get(id) ?? 0;
    this.counts.set(id, count + 1);
    if (count === 0) this.target.want(id);
  }

  remove(source: string, id: string): void {
    if (!this.bySource.get(source)?.delete(id)) return;
    const count = this.counts.get(id) ?? 0;
    if (count > 1) {
      this.counts.set(id, count - 1);
      return;
    }
    this.counts.delete(id);
    this.target.unwant(id);
  }

  /** A source is gone (its tab closed): what only it wanted is unwatched. */
  drop(source: string): void {
    const ids = this.bySource.get(source);
    if (!ids) return;
    for (const id of [...ids]) this.remove(source, id);
    this.bySource.delete(source);
  }
}
