/**
 * The HTTP requests being answered, counted so a draining proxy can wait for the last one before
 * it closes its store: a message acknowledged as it stops is a message committed. A request
 * counts from its first hook until its response closes (finished or cut), so streams that
 * hijack the reply (Server-Sent Events, long-polls) count too, until the drain ends them.
 */
import type { FastifyInstance } from 'fastify';

export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  constructor(app: FastifyInstance) {
    app.addHook('onRequest', async (_request, reply) => {
      this.count++;
      reply.raw.once('close', () => this.done());
    });
  }

  get size(): number {
    return this.count;
  }

  /** Resolves true once no request is in flight, or false after `timeoutMs` with some left. */
  settled(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((wake) => wake !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push(done);
    });
  }

  private done(): void {
    this.count--;
    if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
  }
}
