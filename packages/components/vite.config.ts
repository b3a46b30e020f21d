import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { browserBuild, browserResolve } from '../../vite.config.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Copies the demo page, its script and styles beside the bundle, so the proxy serves them as
 * `/st/demo.html` next to `/st/components.js` (same origin, so the session cookie just works).
 */
function demoPage(): Plugin {
  return {
    name: 'st-demo-page',
    apply: 'build',
    async generateBundle() {
      for (const fileName of ['demo.html', 'demo.js', 'demo.css']) {
        this.emitFile({ type: 'asset', fileName, source: await readFile(`${here}${fileName}`, 'utf8') });
      }
    },
  };
}

/**
 * `/st/components.js`: one ES module with Lit, the RxJS operators in use and the SDK bundled in,
 * so a page needs a single `<script type="module">` and no import map.
 */
export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: 'warn',
  plugins: [demoPage()],
  resolve: browserResolve,
  build: {
    ...browserBuild,
    outDir: 'dist/browser',
    emptyOutDir: true,
    minify: true,
    reportCompressedSize: true,
    lib: {
      entry: 'src/components.ts',
      formats: ['es'],
      fileName: () => 'components.js',
    },
    // Library mode keeps whitespace in ES output for downstream bundlers; this file goes straight
    // to browsers, so minify it fully.
    rolldownOptions: {
      // Code the lazy chunks share with the entry stays in the entry (which exports it to them), so
      // a page of live names loads one file; the chunks come only when an element needs them.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        // Hashed names: the proxy serves `chunks/` as immutable. The chunk every page loads (Lit,
        // RxJS, the SDK) is `core`, whatever module the bundler would name it after.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => id.includes('/lit-element/'))
            ? 'chunks/core-[hash].js'
            : 'chunks/[name]-[hash].js',
      },
    },
  },
});
