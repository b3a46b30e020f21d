/**
 * Builds the app's web layer into `apps/mobile/dist`, which `npx cap sync` copies into the iOS and
 * Android projects. `VITE_ST_SERVER` names the proxy the app talks to (docs/mobile.md).
 *
 * With `ST_MOBILE_HARNESS=<dir>` it builds the browser harness instead (harness/: the same app
 * with doubles of the phone's plugins), for the browser tests.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { browserBuild, browserResolve } from '../../vite.config.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const harnessOut = process.env.ST_MOBILE_HARNESS;

export default defineConfig({
  root: harnessOut ? `${root}harness` : root,
  // Relative URLs: the web view serves the files from its own scheme and folder.
  base: './',
  resolve: browserResolve,
  build: { ...browserBuild, outDir: harnessOut ?? `${root}dist`, emptyOutDir: true },
});
