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
 * Modules a page of live names runs that the lazy chunks use too: RxJS's Observable and Subject
 * with their helpers, and the limits every page needs. The bundler would put them in shared chunks
 * of their own, two more requests and two more gzip streams for every page; this group keeps them
 * in `components.js` (the lazy chunks import them from it). Only modules the entry runs belong
 * here: one that only a lazy chunk uses would make every page heavier, and `npm run size` says so.
 */
const ENTRY_AND_SHARED_CORE =
  /src[\\/]components\.ts$|protocol[\\/]src[\\/]page-limits\.ts$|rxjs[\\/]dist[\\/]esm[\\/]internal[\\/](Observable|Subscriber|Subscription|Subject|BehaviorSubject|config|NotificationFactories|operators[\\/]OperatorSubscriber|util[\\/](isFunction|createErrorClass|UnsubscriptionError|ObjectUnsubscribedError|arrRemove|reportUnhandledError|noop|errorContext|pipe|identity|lift)|symbol[\\/]observable|scheduler[\\/]timeoutProvider)\.js$/;

/**
 * `/st/components.js`: one ES module with the live name, the session, Lit's reactive core and the
 * SDK bundled in, so a page needs a single `<script type="module">` and no import map; the other
 * elements (and Lit's templates) load on first use from `chunks/`.
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
        codeSplitting: {
          groups: [{ name: 'components', test: ENTRY_AND_SHARED_CORE }],
        },
        // Hashed names: the proxy serves `chunks/` as immutable. The chunk every lazy element
        // loads (Lit's templates, `StElement`) is `lit`, whatever module the bundler names it after.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => id.includes('/lit-element/'))
            ? 'chunks/lit-[hash].js'
            : 'chunks/[name]-[hash].js',
      },
    },
  },
});
