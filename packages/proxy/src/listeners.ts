/**
 * Listeners of one kind of happening: `subscribe` adds one and answers the function that removes
 * it, so any number of parts can listen and each can stop on its own.
 */
export class Listeners<A extends unknown[]> {
  private readonly set = new Set<(...args: A) => void>();

  subscribe(listener: (...args: A) => void): () => void {
    // A wrapper, so the same function subscribed twice is called twice and removed once per call.
    const entry = (...args: A) => listener(...args);
    this.set.add(entry);
    return () => {
      this.set.delete(entry);
    };
  }

  emit(...args: A): void {
    for (const listener of this.set) listener(...args);
  }

  get size(): number {
    return this.set.size;
  }
}
