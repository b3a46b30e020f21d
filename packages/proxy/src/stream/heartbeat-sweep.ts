/**
 * Visits every item of a changing set once per period, a slice per tick rather than all at once.
 * Pinging 10,000 sockets in one loop blocks the event loop for over 100 ms and shows up as a spike
 * in presence latency; spread over the period, each tick costs a fraction of a millisecond.
 */
export class HeartbeatSweep<T> {
  private readonly timer: NodeJS.Timeout;
  private readonly slices: number;
  private round: T[] = [];
  private next = 0;
  private perTick = 0;

  constructor(
    private readonly items: () => Iterable<T>,
    private readonly visit: (item: T, now: number) => void,
    periodMs: number,
  ) {
    const tickMs = Math.max(10, Math.min(250, periodMs));
    this.slices = Math.max(1, Math.round(periodMs / tickMs));
    this.timer = setInterval(() => this.tick(), tickMs).unref();
  }

  /** One slice of the current round; a new round (a fresh copy of the set) starts when it is done. */
  tick(): void {
    if (this.next >= this.round.length) {
      this.round = [...this.items()];
      this.next = 0;
      this.perTick = Math.ceil(this.round.length / this.slices);
    }
    const end = Math.min(this.round.length, this.next + this.perTick);
    const now = Date.now();
    for (; this.next < end; this.next++) this.visit(this.round[this.next]!, now);
  }

  stop(): void {
    clearInterval(this.timer);
    this.round = [];
  }
}
