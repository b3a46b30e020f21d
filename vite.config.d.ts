/**
 * What the workspace shares: how its packages find each other (their TypeScript sources, through
 * the `st-source` export condition, so nothing needs building before a test, a type check or a
 * bundle), the settings of the browser bundles, and the Vitest projects (unit and integration
 * tests beside the code, `*.test.ts`; browser flows are in e2e/, benchmarks' tests in bench/).
 *
 * Outside the workspace the packages resolve to their built `dist/` (`npm run build`).
 */
import { type UserConfig } from 'vite';
/** The export condition of the workspace packages' sources (also in tsconfig.base.json and .npmrc). */
export declare const SOURCE_CONDITION = 'st-source';
/**
 * Resolution for bundles that run in browsers: the packages' sources, and RxJS's `es2015` build
 * (native classes; its default ES5 build drags in tslib helpers).
 */
export declare const browserResolve: {
  conditions: string[];
};
/** Build settings of every bundle the proxy serves. */
export declare const browserBuild: {
  target: string;
  sourcemap: true;
  assetsInlineLimit: number;
};
declare const _default: UserConfig;
export default _default;
