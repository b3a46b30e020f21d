import { defineConfig } from 'vitest/config';

// Unit and integration tests beside the code (`*.test.ts`); browser flows are in e2e/ (Playwright).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
