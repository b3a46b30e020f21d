#!/usr/bin/env node
// `npm test`: the whole suite in one command. Lint and types first (cheap), then unit and
// integration tests (vitest, against real servers on free ports), then the browser tests
// (Playwright in Debian's Chromium, against the built product). Prints one closing count line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const only = process.argv[2]; // optional: lint | types | unit | mobile | size | e2e | bench
const results = [];
const reports = mkdtempSync(join(tmpdir(), 'st-test-'));

function run(name, command, args, env = {}) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`◀ ${name}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status ?? r.signal})`} in ${seconds}s`);
  return r.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const want = (step) => !only || only === step;

if (want('lint')) {
  const ok = run('lint', 'npx', ['biome', 'check', '.']);
  results.push({ step: 'lint', passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}
if (want('types')) {
  const ok = run('types', 'npx', ['tsc', '-b']);
  results.push({ step: 'types', passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}
if (want('unit')) {
  // The LDAP tests start their own slapd, the PostgreSQL store's tests their own cluster, the
  // cluster tests their own redis-server (and HAProxy in front of proxies), the XMPP tests their
  // own prosody; without them they fail, and say so.
  run('slapd', 'bash', ['scripts/ensure-slapd.sh']);
  run('postgresql', 'bash', ['scripts/ensure-postgres.sh']);
  run('redis', 'bash', ['scripts/ensure-redis.sh']);
  run('prosody', 'bash', ['scripts/ensure-prosody.sh']);
  run('haproxy', 'bash', ['scripts/ensure-haproxy.sh']);
  const out = join(reports, 'vitest.json');
  const ok = run('unit + integration', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const r = readJson(out);
  results.push({
    step: 'unit + integration',
    passed: r?.numPassedTests ?? 0,
    failed: r ? r.numFailedTests + (ok ? 0 : r.numFailedTests === 0 ? 1 : 0) : 1,
    skipped: (r?.numPendingTests ?? 0) + (r?.numTodoTests ?? 0),
  });
}
if (want('mobile')) {
  // The Capacitor shell: build its web layer, make the iOS and Android projects, `npx cap sync`.
  const ok = run('mobile (cap sync)', 'npm', ['run', 'sync', '-w', '@st/mobile']);
  results.push({ step: 'mobile', passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}
let built = false;
if (want('size') || want('e2e')) {
  built = run('build', 'npm', ['run', 'build']);
  // What pages load from the proxy, against their budgets (scripts/size-budget.mjs).
  const ok = built && run('size budget', 'node', ['scripts/size-budget.mjs']);
  results.push({ step: 'size budget', passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
  // The built packages as users get them: publint, "are the types wrong", a plain Node import.
  const packed = built && run('packages', 'node', ['scripts/check-packages.mjs']);
  results.push({ step: 'packages', passed: packed ? 1 : 0, failed: packed ? 0 : 1 });
}
if (want('e2e')) {
  // The System Console's browser tests run two proxies on their own redis-server.
  if (!want('unit')) run('redis', 'bash', ['scripts/ensure-redis.sh']);
  const ready = run('chromium', 'bash', ['scripts/ensure-chromium.sh']) && built;
  const out = join(reports, 'playwright.json');
  const ok =
    ready &&
    run('browser (Playwright)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    });
  const s = readJson(out)?.stats;
  results.push({
    step: 'browser',
    passed: (s?.expected ?? 0) + (s?.flaky ?? 0),
    failed: s ? s.unexpected + (ok ? 0 : s.unexpected === 0 ? 1 : 0) : 1,
    skipped: s?.skipped ?? 0,
  });
}

if (want('bench')) {
  // The benchmarks' own harness, at a small scale (real proxy children, Chromium for live names):
  // so `npm run bench:*` keeps working. The figures themselves come from the bench scripts.
  // The business-card benchmark starts its own slapd (a no-op when the unit step installed it).
  // The fan-out benchmark's Redis phases start their own redis-server.
  if (!want('unit')) {
    run('slapd', 'bash', ['scripts/ensure-slapd.sh']);
    run('postgresql', 'bash', ['scripts/ensure-postgres.sh']);
    run('redis', 'bash', ['scripts/ensure-redis.sh']);
    run('haproxy', 'bash', ['scripts/ensure-haproxy.sh']);
  }
  const out = join(reports, 'bench.json');
  const ok = run('benchmark harness', 'npx', [
    'vitest',
    'run',
    '--config',
    'bench/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const r = readJson(out);
  results.push({
    step: 'benchmark harness',
    passed: r?.numPassedTests ?? 0,
    failed: r ? r.numFailedTests + (ok ? 0 : r.numFailedTests === 0 ? 1 : 0) : 1,
    skipped: (r?.numPendingTests ?? 0) + (r?.numTodoTests ?? 0),
  });
}

rmSync(reports, { recursive: true, force: true });
console.log('\nSummary');
for (const r of results) {
  console.log(
    `  ${r.step.padEnd(20)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + (r.skipped ?? 0), 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
