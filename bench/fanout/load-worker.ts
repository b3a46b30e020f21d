/**
 * A load worker of the fan-out benchmark: a child process holding a share of the sessions, driven
 * over IPC by bench/fanout/run.ts (see worker-messages.ts).
 */
import { SocketHarness } from './socket-harness.ts';
import type { FromWorker, ToWorker } from './worker-messages.ts';

function send(message: FromWorker): void {
  process.send?.(message);
}

const base = process.env.BENCH_CLOCK_BASE;
if (!base || !process.send) {
  console.error('load-worker.ts is started by bench/fanout/run.ts, with an IPC channel');
  process.exit(1);
}
const harness = new SocketHarness(BigInt(base), send);

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'open':
      send(await harness.open(message.url, message.sessions, message.concurrency, message.client));
      return;
    case 'mark':
      harness.mark();
      send({ type: 'marked' });
      return;
    case 'results':
      send(harness.results());
      return;
    case 'close':
      await harness.close();
      send({ type: 'closed' });
      return;
  }
}

process.on('message', (message: ToWorker) => {
  handle(message).catch((error: unknown) => send({ type: 'failed', message: String(error) }));
});
send({ type: 'ready' });
// The benchmark going away closes the channel: leave with it (exiting normally, so a CPU profile
// asked for is written).
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
