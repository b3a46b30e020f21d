/**
 * The JavaScript a page loads from the proxy, measured two ways: the bytes that crossed the wire
 * (as the proxy serves them, from the browser's own accounting) and the size gzip makes of each
 * file (zlib level 6, the usual on-the-fly setting), computed here from the same URLs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../lib/children.ts';

export const COMPONENTS_BUNDLE = join(
  REPO_ROOT,
  'packages',
  'components',
  'dist',
  'browser',
  'components.js',
);

export class BuildError extends Error {
  override name = 'BuildError';
}

/** Runs `npm run build` when the elements bundle is missing. */
export function ensureBuilt(): void {
  if (existsSync(COMPONENTS_BUNDLE)) return;
  console.log('· packages/components/dist/browser is missing: running npm run build');
  const result = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(COMPONENTS_BUNDLE)) throw new BuildError('npm run build failed');
}

export interface ScriptSize {
  url: string;
  bytes: number;
  gzipBytes: number;
}

export async function scriptSizes(urls: readonly string[]): Promise<ScriptSize[]> {
  return Promise.all(
    [...new Set(urls)].map(async (url) => {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      return { url, bytes: body.length, gzipBytes: gzipSync(body, { level: 6 }).length };
    }),
  );
}
