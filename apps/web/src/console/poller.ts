/** Refreshing what the console shows: one request at a time, again a moment after each answer. */

/** Polls `task` every `everyMs` while started; one run at a time, and at once on `now()`. */
export class Poller {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #started = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly everyMs: number,
  ) {}

  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.now();
  }

  now(): Promise<void> {
    clearTimeout(this.#timer);
    this.#running ??= this.task().finally(() => {
      this.#running = undefined;
      if (this.#started) this.#timer = setTimeout(() => void this.now(), this.everyMs);
    });
    return this.#running;
  }

  stop(): void {
    this.#started = false;
    clearTimeout(this.#timer);
  }
}

/** How often the console refreshes what it shows. */
export const REFRESH_MS = 3000;
