import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * `/st/stlinks.js`: one classic script (IIFE) with the SDK and RxJS bundled in, for pages that load
 * it with a plain `<script src>` as they loaded the Links Toolkit. The elements are not bundled: the
 * script imports `components.js` from beside itself when the page writes its first link.
 */
export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
  // RxJS's `es2015` build uses native classes; its default (ES5) build drags in tslib helpers.
  resolve: { conditions: ['es2015', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
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
