/** The fan-out benchmark's options. */
import { type OptionSpecs, parseOptions } from '../lib/args.ts';

export const FANOUT_OPTIONS = {
  // All sessions come from one address to one port: the local port range (about 28,000) bounds them.
  sessions: { default: 5000, min: 1, max: 25_000, help: 'WebSocket sessions (streams) watching' },
  others: { default: 50, min: 0, max: 999, help: 'people each session watches besides the hot one' },
  pool: { default: 1000, min: 1, max: 100_000, help: 'people the others are drawn from' },
  'streams-per-login': { default: 1, min: 1, max: 10_000, help: 'sessions sharing one login' },
  changes: { default: 100, min: 1, max: 1000, help: 'measured status changes of the hot person' },
  warmup: { default: 5, min: 0, max: 100, help: 'changes sent first and not measured' },
  workers: { default: 1, min: 1, max: 8, help: 'load-generating processes' },
  concurrency: { default: 64, min: 1, max: 1000, help: 'WebSocket handshakes in flight at once' },
  'change-timeout': { default: 20, min: 1, max: 300, help: 'seconds to wait for one change to arrive' },
  'max-seconds': { default: 300, min: 1, max: 3600, help: 'longest a phase may send changes for' },
  client: { choices: ['raw', 'sdk'], help: 'what holds each proxy session: a bare ws socket, or the SDK' },
  'no-raw': { help: 'skip the raw ws broadcast peer' },
  redis: { help: 'also run the proxy on a Redis of its own (ST_REDIS_URL), beside the embedded one' },
  nodes: {
    default: 1,
    min: 1,
    max: 4,
    help: 'with more than 1: also N proxies sharing one Redis, sessions spread over them, beside one',
  },
  haproxy: {
    help: 'with --redis or --nodes: the Redis phases through HAProxy (sessions spread by leastconn)',
  },
  profile: { help: 'CPU-profile the servers and the load worker (bench/results/profiles/), summarised' },
  help: { help: 'print this help' },
} as const satisfies OptionSpecs;

export type FanoutOptions = ReturnType<typeof parseFanoutOptions>;

export function parseFanoutOptions(argv: string[]) {
  return parseOptions(argv, FANOUT_OPTIONS);
}
