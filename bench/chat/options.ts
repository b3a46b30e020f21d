/** The chat benchmark's options. */
import { type OptionSpecs, parseOptions } from '../lib/args.ts';

export const CHAT_OPTIONS = {
  pairs: {
    default: 50,
    min: 1,
    max: 2000,
    help: 'pairs of people chatting 1:1 (each a login and a WebSocket)',
  },
  window: {
    default: 4,
    min: 1,
    max: 64,
    help: 'sends each person keeps in flight while measuring throughput',
  },
  seconds: { default: 10, min: 1, max: 600, help: 'seconds of each measured phase' },
  warmup: { default: 2, min: 0, max: 60, help: 'seconds of sending before each phase is measured' },
  profile: { help: 'CPU-profile the proxy (bench/results/profiles/) and print where its time went' },
  postgres: {
    help: 'also measure with the store in PostgreSQL (a temporary local cluster, fsync on), beside SQLite',
  },
  haproxy: {
    help: 'instead: 1 to --nodes proxies behind HAProxy, on Redis and PostgreSQL (group commit), one after another',
  },
  nodes: { default: 3, min: 1, max: 4, help: 'with --haproxy: the most proxies' },
  'no-compare': { help: 'measure only with group commit (skip the run with one transaction per message)' },
  help: { help: 'print this help' },
} as const satisfies OptionSpecs;

export type ChatBenchOptions = ReturnType<typeof parseChatOptions>;

export function parseChatOptions(argv: string[]) {
  return parseOptions(argv, CHAT_OPTIONS);
}
