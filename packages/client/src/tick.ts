/**
 * Runs a callback once in the next macrotask however many times it is asked within this one, so
 * everything requested while a page renders (all its elements connecting) is sent together.
 */
export class TickBatcher {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly flush: () => void) {}

  /** Runs the callback after `delayMs` (next macrotask by default) unless it is already due. */
  schedule(delayMs = 0): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, delayMs);
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
