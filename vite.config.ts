/**
 * What the workspace shares: how its packages find each other (their TypeScript sources, through
 * the `st-source` export condition, so nothing needs building before a test, a type check or a
 * bundle), the settings of the browser bundles, and the Vitest projects (unit and integration
 * tests beside the code, `*.test.ts`; browser flows are in e2e/, benchmarks' tests in bench/).
 *
 * Outside the workspace the packages resolve to their built `dist/` (`npm run build`).
 */
import { defaultClientConditions, defaultServerConditions, type UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';

/** The export condition of the workspace packages' sources (also in tsconfig.base.json and .npmrc). */
export const SOURCE_CONDITION = 'st-source';

/**
 * Resolution for bundles that run in browsers: the packages' sources, and RxJS's `es2015` build
 * (native classes; its default ES5 build drags in tslib helpers).
 */
export const browserResolve = { conditions: [SOURCE_CONDITION, 'es2015', ...defaultClientConditions] };

/** Build settings of every bundle the proxy serves. */
export const browserBuild = {
  target: 'es2022',
  sourcemap: true,
  // Keep every asset a file: a `data:` URL would need its own CSP allowance.
  assetsInlineLimit: 0,
} satisfies UserConfig['build'];

/** Resolution for tests and Node: the packages' sources. */
export const serverResolve = { conditions: [SOURCE_CONDITION, ...defaultServerConditions] };

function project(name: string, include: string[]) {
  return { extends: true as const, test: { name, include } };
}

export default defineConfig({
  resolve: serverResolve,
  ssr: { resolve: serverResolve },
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      project('protocol', ['packages/protocol/src/**/*.test.ts']),
      project('proxy', ['packages/proxy/src/**/*.test.ts']),
      project('client', ['packages/client/src/**/*.test.ts']),
      project('components', ['packages/components/src/**/*.test.ts']),
      project('links', ['packages/links/src/**/*.test.ts']),
      project('apps', ['apps/*/src/**/*.test.ts']),
    ],
  },
});
