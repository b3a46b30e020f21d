/**
 * A map whose entries expire, bounded by count (and optionally by weight, e.g. bytes), evicting
 * the least recently used first. Expired entries stay until evicted, so a caller can still fall
 * back on them while the backend is down.
 */
export interface TtlCacheOptions<V> {
  maxEntries: number;
  /** Largest total weight; entries heavier than this are not kept at all. */
  maxWeight?: number;
  weigh?: (value: V) => number;
  /** The clock (tests pass their own). */
  now?: () => number;
}

interface Slot<V> {
  value: V;
  expiresAt: number;
  weight: number;
}

export class TtlCache<K, V> {
  private readonly slots = new Map<K, Slot<V>>();
  private weight = 0;
  private readonly now: () => number;

  constructor(private readonly options: TtlCacheOptions<V>) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.slots.size;
  }

  /** The value while it is fresh; undefined when absent or expired. */
  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (!slot || slot.expiresAt <= this.now()) return undefined;
    // Map order is insertion order: moving the key to the end makes it the most recently used.
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  /** The value even when expired (undefined only when absent). */
  getStale(key: K): V | undefined {
    return this.slots.get(key)?.value;
  }

  set(key: K, value: V, ttlMs: number): void {
    this.delete(key);
    if (ttlMs <= 0) return;
    const weight = this.options.weigh?.(value) ?? 0;
    const maxWeight = this.options.maxWeight ?? Number.POSITIVE_INFINITY;
    if (weight > maxWeight) return;
    this.slots.set(key, { value, expiresAt: this.now() + ttlMs, weight });
    this.weight += weight;
    for (const [oldest, slot] of this.slots) {
      if (this.slots.size <= this.options.maxEntries && this.weight <= maxWeight) break;
      this.slots.delete(oldest);
      this.weight -= slot.weight;
    }
  }

  delete(key: K): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.slots.delete(key);
    this.weight -= slot.weight;
  }

  clear(): void {
    this.slots.clear();
    this.weight = 0;
  }
}
