/**
 * What the proxy should watch for this stream versus what it was told, so every change between two
 * flushes becomes at most one add or remove per id, however often callers come and go meanwhile.
 */
export interface WatchChange {
  add: string[];
  remove: string[];
}

export class WatchSet {
  private readonly wanted = new Set<string>();
  private readonly sent = new Set<string>();
  /** Ids whose wanted and sent states may differ. */
  private readonly dirty = new Set<string>();

  get size(): number {
    return this.wanted.size;
  }

  get hasChanges(): boolean {
    return this.dirty.size > 0;
  }

  want(id: string): void {
    this.wanted.add(id);
    this.dirty.add(id);
  }

  unwant(id: string): void {
    this.wanted.delete(id);
    this.dirty.add(id);
  }

  /** The proxy's list is empty (a new stream) or stale: send everything wanted again. */
  resendAll(): void {
    this.sent.clear();
    for (const id of this.wanted) this.dirty.add(id);
  }

  /** The proxy refused these adds; they count as unsent until the next full resend. */
  refused(ids: readonly string[]): void {
    for (const id of ids) this.sent.delete(id);
  }

  /** These adds may never have reached the proxy (the socket died before its ack): send them again. */
  unconfirmed(ids: readonly string[]): void {
    for (const id of ids) {
      this.sent.delete(id);
      this.dirty.add(id);
    }
  }

  /**
   * The changes to send, split so no message holds more than `limit` ids. Removals go first so a
   * session near its watch limit frees room before it asks for more.
   */
  take(limit: number): WatchChange[] {
    const add: string[] = [];
    const remove: string[] = [];
    for (const id of this.dirty) {
      const wanted = this.wanted.has(id);
      if (wanted && !this.sent.has(id)) {
        add.push(id);
        this.sent.add(id);
      } else if (!wanted && this.sent.has(id)) {
        remove.push(id);
        this.sent.delete(id);
      }
    }
    this.dirty.clear();
    return splitChanges(remove, add, Math.max(1, Math.floor(limit)));
  }
}

function splitChanges(remove: string[], add: string[], limit: number): WatchChange[] {
  const frames: WatchChange[] = [];
  let current: WatchChange = { add: [], remove: [] };
  const push = (list: 'add' | 'remove', id: string) => {
    if (current.add.length + current.remove.length === limit) {
      frames.push(current);
      current = { add: [], remove: [] };
    }
    current[list].push(id);
  };
  for (const id of remove) push('remove', id);
  for (const id of add) push('add', id);
  if (current.add.length + current.remove.length > 0) frames.push(current);
  return frames;
}
