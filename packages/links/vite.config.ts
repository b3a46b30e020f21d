import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { browserBuild, browserResolve } from '../../vite.config.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * `/st/stlinks.js`: one classic script (IIFE) for pages that load it with a plain `<script src>` as
 * they loaded the Links Toolkit. Neither the SDK nor the elements are bundled: the script imports
 * `components.js` from beside itself and takes the SDK from it, so a page loads the SDK once.
 */
export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
  resolve: browserResolve,
  build: {
    ...browserBuild,
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    reportCompressedSize: true,
    lib: {
      entry: 'src/stlinks.ts',
      formats: ['iife'],
      // Required for IIFE; the entry exports nothing, so no global of this name is created.
      name: 'STLinksToolkit',
      fileName: () => 'stlinks.js',
    },
    rolldownOptions: { output: { minify: true } },
  },
});
