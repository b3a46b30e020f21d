#!/usr/bin/env node
// After a build: a Brotli and a gzip copy beside every text asset, so the proxy serves them
// pre-compressed (@fastify/static's `preCompressed`) without compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIRS = ['packages/components/dist/browser', 'packages/links/dist', 'apps/web/dist'];
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.map', '.txt']);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT.has(extname(name))) yield path;
  }
}

let count = 0;
for (const dir of DIRS) {
  let paths;
  try {
    paths = [...files(dir)];
  } catch {
    continue; // not built: nothing to compress
  }
  for (const path of paths) {
    const body = readFileSync(path);
    if (body.length < 1024) continue;
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    count++;
  }
}
console.log(`compressed ${count} assets (gzip and brotli)`);
