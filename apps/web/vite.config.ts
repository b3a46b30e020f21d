/**
 * Builds the hosted client into `apps/web/dist`, which the proxy serves at `/`, and the System
 * Console (a second page, `console/index.html`, served at `/console`). Everything ends up in files
 * (no inline script or style), as the proxy's Content-Security-Policy requires.
 *
 * `vite --config apps/web/vite.config.ts` serves it for development against a running proxy
 * (`ST_DEV_PROXY`, default http://127.0.0.1:8080), which answers the `/api` and `/st` calls.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { browserBuild, browserResolve } from '../../vite.config.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const proxyTarget = process.env.ST_DEV_PROXY ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  resolve: browserResolve,
  build: {
    ...browserBuild,
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      input: { main: `${root}index.html`, console: `${root}console/index.html` },
    },
  },
  server: {
    proxy: {
      '/api': { target: proxyTarget, ws: true },
      '/st': { target: proxyTarget },
    },
  },
});
