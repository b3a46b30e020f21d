import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { serverResolve } from '../vite.config.ts';

/**
 * The benchmarks' own tests: `npx vitest run --config bench/vitest.config.ts`. They start the real
 * proxy (and Chromium, for live names) as child processes on free ports, at a small scale.
 */
export default defineConfig({
  // The workspace's packages from their sources, as in the top-level config.
  resolve: serverResolve,
  ssr: { resolve: serverResolve },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The integration tests each start servers and load processes: one file at a time.
    fileParallelism: false,
  },
});
