#!/usr/bin/env node
// `npm run check:packages`, after `npm run build:packages`: the packages as their users get them.
// publint checks package.json against what `npm pack` ships; "are the types wrong" checks that
// TypeScript finds the declarations for every export (ES modules only: there is no CommonJS
// build); and plain Node imports each export from `dist/` (no TypeScript loader, no workspace
// condition), as a user's program would.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const PACKAGES = ['protocol', 'client', 'components'];
// Node needs a DOM for the elements' module to load; the SDK and the protocol need none.
const NODE_IMPORTABLE = new Set(['protocol', 'client']);

// Without the workspace's `st-source` condition (.npmrc), Node resolves the exports to `dist/`.
const env = { ...process.env, NODE_OPTIONS: '' };
let failed = 0;

function run(label, command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const ok = result.status === 0;
  if (!ok) failed++;
  console.log(`${ok ? '✓' : '✗'} ${label}`);
}

for (const name of PACKAGES) {
  const dir = `packages/${name}`;
  run(`${name}: publint`, 'npx', ['publint', '--strict', dir]);
  run(`${name}: are the types wrong`, 'npx', ['attw', '--pack', dir, '--profile', 'esm-only']);
  if (!NODE_IMPORTABLE.has(name)) continue;
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  for (const subpath of Object.keys(pkg.exports)) {
    const specifier = `${pkg.name}${subpath.slice(1)}`;
    run(`${specifier}: plain node import`, process.execPath, [
      '-e',
      `import(${JSON.stringify(specifier)}).then((m) => { if (!Object.keys(m).length) process.exit(1); })`,
    ]);
  }
}
console.log(failed === 0 ? 'packages: all good' : `packages: ${failed} check(s) failed`);
process.exit(failed === 0 ? 0 : 1);
